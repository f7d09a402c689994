package dev.polystore.platform.valkey;

import dev.polystore.platform.errors.Failures;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /**
   * As {@link #run}, without waiting: the stage completes on Lettuce's thread with the reply, or
   * with the failure Lettuce gives (a timeout once the connection's command timeout passes).
   */
  public <T> CompletionStage<T> runAsync(RedisClusterAsyncCommands<String, String> commands, ScriptOutputType output,
      String[] keys, String... arguments) {
    return commands.<T>evalsha(sha, output, keys, arguments).exceptionallyCompose(failure ->
        Failures.unwrapped(failure) instanceof RedisNoScriptException
            ? commands.<T>eval(source, output, keys, arguments)
            : CompletableFuture.failedStage(Failures.unwrapped(failure)));
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
