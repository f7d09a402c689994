package dev.polystore.platform.s3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs browser POST uploads with AWS Signature Version 4, which the AWS SDK for Java does not do:
 * the policy document (JSON, Base64) is the string to sign. Every field the form sends is pinned
 * by an exact condition, so a browser can change nothing but the file, and the file only within
 * the content-length-range.
 */
public final class PostPolicySigner {
  private static final String SERVICE = "s3";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final String region;

  public PostPolicySigner(String region) {
    this.region = region;
  }

  /** The form fields for {@code policy}, signed at {@code now} with {@code credentials}. */
  public Map<String, String> sign(PostPolicy policy, S3Credentials credentials, Instant now) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", policy.key());
    fields.put("Content-Type", policy.contentType());
    // An exact condition like every field's: the browser can neither drop nor change it.
    policy.sha256().ifPresent(sha256 -> fields.put("x-amz-checksum-sha256", sha256));
    fields.put("x-amz-algorithm", SigV4.ALGORITHM);
    fields.put("x-amz-credential", credentials.accessKeyId() + "/" + SigV4.scope(day, region, SERVICE));
    fields.put("x-amz-date", AMZ_DATE.format(now));
    credentials.sessionToken().ifPresent(token -> fields.put("x-amz-security-token", token));

    String encoded = encode(policyDocument(policy, fields));
    byte[] key = SigV4.signingKey(credentials.secretAccessKey(), day, region, SERVICE);
    fields.put("policy", encoded);
    fields.put("x-amz-signature", SigV4.signature(key, encoded));
    return fields;
  }

  /** The Base64 of a policy document: the string that is signed and sent as the "policy" field. */
  static String encode(String document) {
    return Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs an already encoded policy, as S3 recomputes it. */
  static String signature(String encodedPolicy, String secret, LocalDate day, String region) {
    return SigV4.signature(SigV4.signingKey(secret, day, region, SERVICE), encodedPolicy);
  }

  /** The bucket, then an exact match for every form field, then the length range. */
  static String policyDocument(PostPolicy policy, Map<String, String> fields) {
    List<String> conditions = new ArrayList<>();
    conditions.add("{\"bucket\":" + quote(policy.bucket()) + "}");
    fields.forEach((name, value) -> conditions.add("[\"eq\"," + quote("$" + name) + "," + quote(value) + "]"));
    conditions.add("[\"content-length-range\"," + policy.minLength() + "," + policy.maxLength() + "]");
    String expiration = DateTimeFormatter.ISO_INSTANT.format(policy.expiresAt().truncatedTo(ChronoUnit.MILLIS));
    return "{\"expiration\":" + quote(expiration) + ",\"conditions\":[" + String.join(",", conditions) + "]}";
  }

  /** A JSON string literal. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
