package dev.polystore.platform.s3;

import java.util.Optional;

/**
 * Static credentials from the environment. The secret never leaves this record but to sign.
 *
 * @param sessionToken set for temporary credentials
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
  @Override
  public String toString() {
    return "S3Credentials[" + accessKeyId + ", secret hidden]";
  }
}
