package dev.polystore.platform.valkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/** The token's form, with static credentials and a fixed clock, as AWS's user guide describes it. */
class ElastiCacheIamTokenTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T21:30:05Z"), ZoneOffset.UTC);
  private static final AwsBasicCredentials KEYS =
      AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

  @Test
  void serverlessTokenIsAPresignedConnectRequestWithoutItsScheme() {
    String token = new ElastiCacheIamToken("polystore-prod-app", "polystore-prod-presence", true, "eu-west-1")
        .token(KEYS, CLOCK);

    assertFalse(token.startsWith("http"), token);
    assertTrue(token.startsWith("polystore-prod-presence/?"), token);
    Map<String, String> query = query(token);
    assertEquals("connect", query.get("Action"));
    assertEquals("polystore-prod-app", query.get("User"));
    assertEquals("ServerlessCache", query.get("ResourceType"));
    assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
    assertEquals("AKIAIOSFODNN7EXAMPLE/20261129/eu-west-1/elasticache/aws4_request", query.get("X-Amz-Credential"));
    assertEquals("20261129T213005Z", query.get("X-Amz-Date"));
    assertEquals("900", query.get("X-Amz-Expires"));
    assertEquals("host", query.get("X-Amz-SignedHeaders"));
    assertTrue(query.get("X-Amz-Signature").matches("[0-9a-f]{64}"), query.get("X-Amz-Signature"));
  }

  @Test
  void replicationGroupTokenHasNoResourceTypeAndCarriesTheSessionToken() {
    AwsSessionCredentials session = AwsSessionCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey(), "FwoGZXIvYXdzEXAMPLE/+=");
    Map<String, String> query = query(new ElastiCacheIamToken("app", "presence", false, "us-east-1").token(session, CLOCK));

    assertFalse(query.containsKey("ResourceType"));
    assertEquals("FwoGZXIvYXdzEXAMPLE/+=", query.get("X-Amz-Security-Token"));
  }

  /** The same signature as AWS's own Java example, which presigns with the SDK's older Aws4Signer. */
  @Test
  @SuppressWarnings("deprecation")
  void signatureIsTheOneAwsExampleMakes() {
    String token = new ElastiCacheIamToken("polystore-prod-app", "polystore-prod-presence", true, "eu-west-1")
        .token(KEYS, CLOCK);

    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.GET)
        .uri(URI.create("http://polystore-prod-presence/"))
        .appendRawQueryParameter("Action", "connect")
        .appendRawQueryParameter("User", "polystore-prod-app")
        .appendRawQueryParameter("ResourceType", "ServerlessCache")
        .build();
    SdkHttpFullRequest signed = Aws4Signer.create().presign(request, Aws4PresignerParams.builder()
        .awsCredentials(KEYS)
        .signingName("elasticache")
        .signingRegion(Region.EU_WEST_1)
        .signingClockOverride(CLOCK)
        .expirationTime(CLOCK.instant().plus(ElastiCacheIamToken.VALIDITY))
        .build());

    assertEquals(signed.rawQueryParameters().get("X-Amz-Signature").get(0), query(token).get("X-Amz-Signature"));
  }

  private static Map<String, String> query(String token) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : token.substring(token.indexOf('?') + 1).split("&")) {
      int eq = pair.indexOf('=');
      query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }
}
