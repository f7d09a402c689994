package dev.polystore.admin;

import dev.polystore.platform.config.Env;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Server-side encryption of every object written: SSE-KMS by default, with {@code BACKUP_KMS_KEY_ID}
 * or else the bucket's default KMS key (Terraform gives the backup bucket its own key). S3 encrypts
 * and decrypts; the tool never holds key material. S3Proxy (the local S3) accepts the header and
 * stores the object unencrypted: locally the drill proves the data flow, not the encryption.
 */
public record Encryption(ServerSideEncryption mode, Optional<String> kmsKeyId) {
  public static final String MODE = "BACKUP_SSE";
  public static final String KMS_KEY_ID = "BACKUP_KMS_KEY_ID";

  public static Encryption fromEnv(Env env) {
    String raw = env.string(MODE, "aws:kms");
    ServerSideEncryption mode = ServerSideEncryption.fromValue(raw);
    if (mode != ServerSideEncryption.AWS_KMS && mode != ServerSideEncryption.AES256) {
      throw new AdminFailure(MODE + " must be aws:kms or AES256, was '" + raw + "'");
    }
    Optional<String> key = env.optional(KMS_KEY_ID);
    if (key.isPresent() && mode != ServerSideEncryption.AWS_KMS) {
      throw new AdminFailure(KMS_KEY_ID + " needs " + MODE + "=aws:kms");
    }
    return new Encryption(mode, key);
  }

  void apply(PutObjectRequest.Builder put) {
    put.serverSideEncryption(mode);
    kmsKeyId.ifPresent(put::ssekmsKeyId);
  }
}
