package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.config.Env;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A bucket name with dots is addressed path-style: its virtual host is not covered by S3's
 * wildcard certificate, so a browser using a presigned URL or the POST form would fail TLS.
 */
class S3AddressingTest {
  private static final Map<String, String> KEYS = Map.of(S3Config.ACCESS_KEY_ID, "AKIDEXAMPLE",
      S3Config.SECRET_ACCESS_KEY, "secret");

  @Test
  void aBucketWithDotsIsAddressedByPath() {
    try (S3Store store = store("files.example.com")) {
      assertEquals(URI.create("https://s3.eu-west-1.amazonaws.com/files.example.com"), store.bucketUrl("files.example.com"));
      URL get = presignedGet(store);
      assertEquals("s3.eu-west-1.amazonaws.com", get.getHost());
      assertEquals("/files.example.com/k", get.getPath());
    }
  }

  @Test
  void aBucketWithoutDotsKeepsItsVirtualHost() {
    try (S3Store store = store("files-example")) {
      assertEquals(URI.create("https://files-example.s3.eu-west-1.amazonaws.com/"), store.bucketUrl("files-example"));
      assertEquals("files-example.s3.eu-west-1.amazonaws.com", presignedGet(store).getHost());
    }
  }

  private static S3Store store(String bucket) {
    Map<String, String> env = new HashMap<>(KEYS);
    env.put(S3Config.BUCKET, bucket);
    env.put(S3Config.REGION, "eu-west-1");
    return new S3Store(S3Config.fromEnv(new Env(env)));
  }

  private static URL presignedGet(S3Store store) {
    return store.presigner().presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
        .getObjectRequest(GetObjectRequest.builder().bucket(store.bucket()).key("k").build())).url();
  }
}
