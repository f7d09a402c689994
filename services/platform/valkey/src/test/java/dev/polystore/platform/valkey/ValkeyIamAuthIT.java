package dev.polystore.platform.valkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * IAM authentication through {@link ValkeyStore} on devstack's Valkey. The local engine cannot check
 * a real token: that needs ElastiCache's own AUTH, which verifies the SigV4 signature with IAM. So
 * the IT gives an ACL user the token the provider returns as its password, and proves that the
 * store authenticates as that user with what the provider makes, on connect and on reconnect.
 */
class ValkeyIamAuthIT {
  private static final String USER = "polystore-iam-it";
  private static final AwsBasicCredentials KEYS =
      AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

  private static LocalValkey valkey;
  private static RedisClient adminClient;
  private static StatefulRedisConnection<String, String> admin;

  /** A clock the test moves, so that each token differs from the last as time would make it. */
  private static final class SteppedClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-29T21:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      // The token signer reads instants only; another zone sees the same instant, frozen at now.
      return zone.equals(getZone()) ? this : Clock.fixed(now, zone);
    }
  }

  @BeforeAll
  static void start() {
    valkey = Devstack.valkey();
    adminClient = RedisClient.create(RedisURI.create(valkey.url()));
    admin = adminClient.connect();
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.sync().aclDeluser(USER);
      admin.close();
      adminClient.shutdown();
    }
  }

  @Test
  void authenticatesAsTheUserWithTheProvidersTokenAndAFreshOneOnReconnect() {
    SteppedClock clock = new SteppedClock();
    ElastiCacheIamCredentials credentials = new ElastiCacheIamCredentials(
        new ElastiCacheIamToken(USER, "polystore-test-presence", true, "eu-west-1"),
        StaticCredentialsProvider.create(KEYS), clock, ElastiCacheIamCredentials.REAUTHENTICATE_EVERY);
    String first = password(credentials);
    allowOnly(first);

    ValkeyConfig config = new ValkeyConfig(RedisURI.create(valkey.url()), false,
        Duration.ofSeconds(2), Duration.ofSeconds(2), Optional.of(credentials));
    try (ValkeyStore store = new ValkeyStore(config)) {
      store.migrate();
      assertEquals(USER, store.primary().sync().aclWhoami());

      // 20 minutes on, the first token has expired: only a new one is accepted, and the store must
      // ask the provider again when it reconnects.
      clock.advance(Duration.ofMinutes(20));
      String second = password(credentials);
      assertNotEquals(first, second);
      allowOnly(second);
      admin.sync().clientKill(KillArgs.Builder.user(USER));

      assertEquals(USER, whoamiOnceReconnected(store));
    }
  }

  private static String password(ElastiCacheIamCredentials credentials) {
    return new String(credentials.resolveCredentials().block().getPassword());
  }

  /** The user accepts exactly this token, as ElastiCache accepts exactly a valid signature. */
  private static void allowOnly(String token) {
    admin.sync().dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8),
        new CommandArgs<>(StringCodec.UTF8).add("SETUSER").add(USER).add("reset").add("on").add(">" + token).add("~*").add("&*").add("+@all"));
  }

  /** Lettuce reconnects in the background; commands are refused until it has. */
  private static String whoamiOnceReconnected(ValkeyStore store) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        return store.primary().sync().aclWhoami();
      } catch (RuntimeException e) {
        last = e;
        sleep();
      }
    }
    throw last;
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
