package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.Freezable;
import dev.polystore.devstack.LocalS3;
import dev.polystore.platform.config.Env;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * CompleteMultipartUpload may take S3 far longer than any other request (it assembles the object),
 * so it runs under its own timeout, not the per-request one: here S3Proxy is frozen (SIGSTOP) for
 * several request timeouts in the middle of a Complete, which then still succeeds. devstack's S3 is
 * shared by this JVM's test classes, which failsafe runs one after another.
 */
class S3CompleteMultipartIT {
  private static final long REQUEST_TIMEOUT_MS = 500;

  @Test
  void aCompleteOutlastsTheRequestTimeout() throws Exception {
    LocalS3 local = Devstack.s3();
    Map<String, String> env = new HashMap<>(local.env());
    env.put(S3Config.REQUEST_TIMEOUT_MS, Long.toString(REQUEST_TIMEOUT_MS));
    String key = "complete-it/" + UUID.randomUUID();
    try (S3Store store = new S3Store(S3Config.fromEnv(new Env(env)))) {
      String uploadId = store.client().createMultipartUpload(o -> o.bucket(store.bucket()).key(key)).uploadId();
      String etag = store.client().uploadPart(o -> o.bucket(store.bucket()).key(key).uploadId(uploadId).partNumber(1),
          RequestBody.fromString("one part")).eTag();

      Freezable processes = local.processes();
      CompletableFuture<?> complete;
      try {
        processes.freeze();
        complete = CompletableFuture.runAsync(() -> store.completeMultipartUpload(o -> o.bucket(store.bucket()).key(key)
            .uploadId(uploadId).multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
        // Every try of a plain request would have timed out meanwhile, retries included.
        Thread.sleep(6 * REQUEST_TIMEOUT_MS);
      } finally {
        processes.thaw();
      }
      complete.get(60, TimeUnit.SECONDS);
      assertEquals(8L, store.client().headObject(o -> o.bucket(store.bucket()).key(key)).contentLength());
    }
  }
}
