package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Against the worked example AWS publishes in "Example: Browser-Based Upload using HTTP POST (Using
 * AWS Signature Version 4)": its example credentials, its Base64 policy and its signature.
 */
class PostPolicySignerTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  /** The example's policy, with its CRLF line ends, as AWS prints it Base64-encoded. */
  private static final String EXAMPLE_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
  private static final String EXAMPLE_SIGNATURE = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";
  private static final LocalDate EXAMPLE_DAY = LocalDate.of(2015, 12, 29);

  @Test
  void signsTheWorkedExampleAsAwsDoes() {
    assertEquals(EXAMPLE_SIGNATURE, PostPolicySigner.signature(EXAMPLE_POLICY, SECRET, EXAMPLE_DAY, "us-east-1"));
  }

  @Test
  void encodesThePolicyDocumentAsTheExampleDoes() {
    String document = new String(Base64.getDecoder().decode(EXAMPLE_POLICY), StandardCharsets.UTF_8);
    assertTrue(document.contains("\"x-amz-credential\": \"" + ACCESS_KEY + "/20151229/us-east-1/s3/aws4_request\""));
    assertEquals(EXAMPLE_POLICY, PostPolicySigner.encode(document));
  }

  @Test
  void derivesTheSigningKeyStepByStep() {
    // The signing key is HMAC-chained from "AWS4" + secret; its signature over the example is the check.
    byte[] key = SigV4.signingKey(SECRET, EXAMPLE_DAY, "us-east-1", "s3");
    assertEquals(32, key.length);
    assertEquals(EXAMPLE_SIGNATURE, SigV4.signature(key, EXAMPLE_POLICY));
    assertEquals("20151229/us-east-1/s3/aws4_request", SigV4.scope(EXAMPLE_DAY, "us-east-1", "s3"));
  }

  @Test
  void pinsEveryFieldAndTheLengthRangeAndSignsWhatItSends() {
    PostPolicy policy = new PostPolicy("sigv4examplebucket", "workspaces/w/files/f", "image/png", 10, 10,
        Instant.parse("2015-12-30T12:00:00Z"));
    Map<String, String> fields = new PostPolicySigner("us-east-1")
        .sign(policy, new S3Credentials(ACCESS_KEY, SECRET, Optional.of("token\"1")), Instant.parse("2015-12-29T00:00:00Z"));

    String document = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
    assertEquals("{\"expiration\":\"2015-12-30T12:00:00Z\",\"conditions\":[{\"bucket\":\"sigv4examplebucket\"},"
        + "[\"eq\",\"$key\",\"workspaces/w/files/f\"],[\"eq\",\"$Content-Type\",\"image/png\"],"
        + "[\"eq\",\"$x-amz-algorithm\",\"AWS4-HMAC-SHA256\"],"
        + "[\"eq\",\"$x-amz-credential\",\"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request\"],"
        + "[\"eq\",\"$x-amz-date\",\"20151229T000000Z\"],[\"eq\",\"$x-amz-security-token\",\"token\\\"1\"],"
        + "[\"content-length-range\",10,10]]}", document);
    assertEquals(PostPolicySigner.signature(fields.get("policy"), SECRET, EXAMPLE_DAY, "us-east-1"),
        fields.get("x-amz-signature"));
    assertEquals(64, HexFormat.of().parseHex(fields.get("x-amz-signature")).length * 2);
  }
}
