package dev.polystore.admin;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.s3.S3Config;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Server-side encryption of every object written: SSE-KMS by default ({@code BACKUP_SSE=aws:kms}),
 * with {@code BACKUP_KMS_KEY_ID} or else the bucket's default KMS key (Terraform gives the backup
 * bucket a key of its own); or {@code AES256}. S3 encrypts and decrypts; the tool never holds key
 * material. S3Proxy (the local S3) answers 501 to the encryption header, so {@code BACKUP_SSE=none}
 * exists, for an {@code S3_ENDPOINT} only: against AWS's S3 the header is always sent.
 */
public record Encryption(Optional<ServerSideEncryption> mode, Optional<String> kmsKeyId) {
  public static final String MODE = "BACKUP_SSE";
  public static final String KMS_KEY_ID = "BACKUP_KMS_KEY_ID";

  public static Encryption fromEnv(Env env) {
    String raw = env.string(MODE, "aws:kms");
    if (raw.equals("none")) {
      if (!env.has(S3Config.ENDPOINT)) {
        throw new AdminFailure(MODE + "=none is for a local S3 (S3_ENDPOINT set) only: backups in AWS are encrypted");
      }
      return new Encryption(Optional.empty(), Optional.empty());
    }
    ServerSideEncryption mode = ServerSideEncryption.fromValue(raw);
    if (mode != ServerSideEncryption.AWS_KMS && mode != ServerSideEncryption.AES256) {
      throw new AdminFailure(MODE + " must be aws:kms, AES256 or (local S3 only) none, was '" + raw + "'");
    }
    Optional<String> key = env.optional(KMS_KEY_ID);
    if (key.isPresent() && mode != ServerSideEncryption.AWS_KMS) {
      throw new AdminFailure(KMS_KEY_ID + " needs " + MODE + "=aws:kms");
    }
    return new Encryption(Optional.of(mode), key);
  }

  void apply(PutObjectRequest.Builder put) {
    mode.ifPresent(put::serverSideEncryption);
    kmsKeyId.ifPresent(put::ssekmsKeyId);
  }
}
