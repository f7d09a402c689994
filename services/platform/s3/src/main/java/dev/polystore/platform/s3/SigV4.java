package dev.polystore.platform.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The parts of AWS Signature Version 4 that a POST policy needs: the signing key derived from the
 * secret for one day, region and service, and the hex HMAC of a string to sign with it.
 */
public final class SigV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private SigV4() {}

  /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request"). */
  public static byte[] signingKey(String secret, LocalDate day, String region, String service) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day.format(DAY));
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, "aws4_request");
  }

  /** The credential scope: {@code <day>/<region>/<service>/aws4_request}. */
  public static String scope(LocalDate day, String region, String service) {
    return day.format(DAY) + "/" + region + "/" + service + "/aws4_request";
  }

  public static String signature(byte[] signingKey, String stringToSign) {
    return HexFormat.of().formatHex(hmac(signingKey, stringToSign));
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
