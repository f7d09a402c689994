package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.Env;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class EncryptionTest {
  @Test
  void kmsWithTheBucketKeyByDefault() {
    PutObjectRequest.Builder put = PutObjectRequest.builder();
    Encryption.fromEnv(new Env(Map.of())).apply(put);
    assertEquals(ServerSideEncryption.AWS_KMS, put.build().serverSideEncryption());
    assertEquals(null, put.build().ssekmsKeyId());
  }

  @Test
  void aNamedKmsKey() {
    PutObjectRequest.Builder put = PutObjectRequest.builder();
    Encryption.fromEnv(new Env(Map.of(Encryption.KMS_KEY_ID, "arn:aws:kms:eu-west-1:1:key/k"))).apply(put);
    assertEquals("arn:aws:kms:eu-west-1:1:key/k", put.build().ssekmsKeyId());
  }

  @Test
  void noneOnlyForALocalS3() {
    AdminFailure refused = assertThrows(AdminFailure.class,
        () -> Encryption.fromEnv(new Env(Map.of(Encryption.MODE, "none"))));
    assertTrue(refused.getMessage().contains("S3_ENDPOINT"), refused.getMessage());
    Encryption local = Encryption.fromEnv(new Env(Map.of(Encryption.MODE, "none", "S3_ENDPOINT", "http://127.0.0.1:1")));
    assertEquals(Optional.empty(), local.mode());
  }

  @Test
  void anUnknownModeIsRefused() {
    assertThrows(AdminFailure.class, () -> Encryption.fromEnv(new Env(Map.of(Encryption.MODE, "rot13"))));
  }
}
