package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A URL signed with a role's session credentials works only as long as the session: its expiry says so. */
class S3SigningExpiryTest {
  private static final S3Config CONFIG = S3Config.fromEnv(new Env(Map.of(S3Config.BUCKET, "files-example",
      S3Config.REGION, "eu-west-1", S3Config.ACCESS_KEY_ID, "AKIDEXAMPLE", S3Config.SECRET_ACCESS_KEY, "secret")));

  @Test
  void aUrlIsSignedNoLongerThanTheSessionLasts() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant sessionEnds = now.plus(Duration.ofMinutes(5));
    var session = AwsSessionCredentials.builder().accessKeyId("ASIAEXAMPLE").secretAccessKey("secret")
        .sessionToken("token").expirationTime(sessionEnds).build();
    try (S3Store store = new S3Store(CONFIG, StaticCredentialsProvider.create(session))) {
      assertEquals(sessionEnds, store.signableUntil(now.plus(Duration.ofMinutes(15))));
      assertEquals(now.plus(Duration.ofMinutes(1)), store.signableUntil(now.plus(Duration.ofMinutes(1))));
    }
  }

  @Test
  void keysThatDoNotExpireSignForAsLongAsAsked() {
    Instant wanted = Instant.now().plus(Duration.ofDays(7));
    try (S3Store store = new S3Store(CONFIG)) {
      assertEquals(wanted, store.signableUntil(wanted));
    }
  }
}
