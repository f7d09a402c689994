package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * POSTGRES_IAM_AUTH: each new connection's password is a new RDS token (a presigned
 * {@code rds-db:connect} for that host, port and user, valid 15 minutes), signed with the
 * service's credentials. RdsUtilities takes no clock in its public API, so the token's signing
 * time is checked to lie between the instants read around the call instead of against a fixed clock.
 */
class RdsIamTokensTest {
  private static final String WRITER = "postgresql://ignored@writer.cluster-abc.eu-west-1.rds.amazonaws.com:5432/x";
  private static final String READER = "postgresql://ignored@reader.cluster-ro-abc.eu-west-1.rds.amazonaws.com:5433/x";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  @Test
  void eachEndpointLogsInWithATokenForItsHostPortAndUser() {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(env()), "accounts");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String writer = config.writerCredentials().getCredentials().getPassword();
    String reader = config.readerCredentials().password();
    Instant after = Instant.now();

    assertEquals("files_app", config.writerCredentials().user());
    assertToken(writer, "writer.cluster-abc.eu-west-1.rds.amazonaws.com:5432", before, after);
    assertToken(reader, "reader.cluster-ro-abc.eu-west-1.rds.amazonaws.com:5433", before, after);
  }

  @Test
  void everyNewConnectionSignsANewTokenWithTheCurrentCredentials() {
    AtomicInteger resolved = new AtomicInteger();
    AwsCredentialsProvider counting = () -> {
      resolved.incrementAndGet();
      return AwsBasicCredentials.create("AKIDEXAMPLE", "secret");
    };
    PostgresCredentials credentials = PostgresCredentials.iam(new Env(env()),
        PostgresEndpoint.parse("W", WRITER), new RdsIamTokens(Region.EU_WEST_1, counting));
    credentials.getCredentials();
    credentials.getCredentials();
    assertEquals(2, resolved.get(), "no token is cached: rotated or refreshed role credentials apply at once");
  }

  @Test
  void iamAuthNeedsARegionAndAUserAndNoPassword() {
    assertRefused(RdsIamTokens.REGION, Map.of(RdsIamTokens.REGION, ""));
    assertRefused(RdsIamTokens.REGION, Map.of(RdsIamTokens.REGION, "Ireland"));
    assertRefused(PostgresCredentials.USER, Map.of(PostgresCredentials.USER, ""));
    assertRefused(RdsIamTokens.IAM_AUTH, Map.of(PostgresCredentials.PASSWORD, "p"));
  }

  private static void assertRefused(String variable, Map<String, String> change) {
    Map<String, String> env = env();
    change.forEach((name, value) -> {
      if (value.isEmpty()) {
        env.remove(name);
      } else {
        env.put(name, value);
      }
    });
    ConfigException refused = assertThrows(ConfigException.class, () -> PostgresConfig.fromEnv(new Env(env), "x"));
    assertTrue(refused.getMessage().contains(variable), refused.getMessage());
  }

  private static Map<String, String> env() {
    return new HashMap<>(Map.of(PostgresConfig.WRITER_CONN, WRITER, PostgresConfig.READER_CONN, READER,
        RdsIamTokens.IAM_AUTH, "true", RdsIamTokens.REGION, "eu-west-1", PostgresCredentials.USER, "files_app",
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
  }

  /** The token is RDS's documented form: host:port/?Action=connect&DBUser=...&X-Amz-... (no scheme). */
  private static void assertToken(String token, String hostPort, Instant before, Instant after) {
    assertTrue(token.startsWith(hostPort + "/?"), token);
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : token.substring(token.indexOf('?') + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertEquals("connect", query.get("Action"));
    assertEquals("files_app", query.get("DBUser"));
    assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
    assertEquals("900", query.get("X-Amz-Expires"), "RDS accepts a token for 15 minutes");
    Instant signed = Instant.from(AMZ_DATE.parse(query.get("X-Amz-Date")));
    assertTrue(!signed.isBefore(before) && !signed.isAfter(after), signed + " not in [" + before + ", " + after + "]");
    assertEquals("AKIDEXAMPLE/" + query.get("X-Amz-Date").substring(0, 8) + "/eu-west-1/rds-db/aws4_request",
        query.get("X-Amz-Credential"));
    assertTrue(query.get("X-Amz-Signature").matches("[0-9a-f]{64}"));
  }
}
