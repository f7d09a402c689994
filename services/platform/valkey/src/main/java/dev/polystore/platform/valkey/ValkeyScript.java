package dev.polystore.platform.valkey;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script, run by its SHA-1 (EVALSHA) and sent in full only when the node does not know it
 * yet: after a restart, a failover, or on a cluster node it never ran on. Every key the script
 * touches must be passed in {@code keys}, all in one hash slot, so that cluster mode routes it.
 */
public final class ValkeyScript {
  private final String source;
  private final String sha;

  public ValkeyScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  /** The script made of these class-path resources, joined in order (shared Lua functions first). */
  public static ValkeyScript fromResources(Class<?> anchor, String... resources) {
    StringBuilder source = new StringBuilder();
    for (String resource : resources) {
      try (InputStream in = anchor.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no Lua script " + resource + " next to " + anchor.getName());
        }
        source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return new ValkeyScript(source.toString());
  }

  public <T> T run(RedisClusterCommands<String, String> commands, ScriptOutputType output, String[] keys,
      String... arguments) {
    try {
      return commands.evalsha(sha, output, keys, arguments);
    } catch (RedisNoScriptException e) {
      return commands.eval(source, output, keys, arguments);
    }
  }

  public String sha() {
    return sha;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }
}
