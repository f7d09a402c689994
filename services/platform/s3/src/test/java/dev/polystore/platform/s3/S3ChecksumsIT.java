package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.platform.config.Env;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * What the local engine (S3Proxy) does with checksums, as docs/files.md relies on it: it checks a
 * part's signed x-amz-checksum-sha256 against the bytes, as S3 does, but neither lists the parts'
 * SHA-256s nor checks those given to CompleteMultipartUpload, as S3 does; and, as S3 for a SHA-256 upload, it keeps no SHA-256 of a whole
 * multipart object (only a composite of the parts'), which is why CompleteUpload still reads a
 * multipart upload with a declared whole-file SHA-256 through.
 */
class S3ChecksumsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aPartIsCheckedAgainstItsSignedSha256ButTheAssembledObjectHasNone() throws Exception {
    try (S3Store store = new S3Store(S3Config.fromEnv(new Env(Devstack.s3().env())))) {
      String key = "checksums-it/" + UUID.randomUUID();
      byte[] body = "part one".getBytes(StandardCharsets.UTF_8);
      String uploadId = store.client().createMultipartUpload(o -> o.bucket(store.bucket()).key(key)
          .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();

      assertEquals(400, put(part(store, key, uploadId, body.length, sha256("other bytes")), body).statusCode());
      HttpResponse<String> accepted = put(part(store, key, uploadId, body.length, sha256("part one")), body);
      assertEquals(200, accepted.statusCode());

      String etag = accepted.headers().firstValue("ETag").orElseThrow();
      store.completeMultipartUpload(o -> o.bucket(store.bucket()).key(key).uploadId(uploadId)
          .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
      assertNull(store.client().headObject(o -> o.bucket(store.bucket()).key(key).checksumMode(ChecksumMode.ENABLED))
          .checksumSHA256(), "no SHA-256 of the whole object");
    }
  }

  @Test
  void partsAreCheckedOnArrivalOnly() throws Exception {
    try (S3Store store = new S3Store(S3Config.fromEnv(new Env(Devstack.s3().env())))) {
      String key = "checksums-it/" + UUID.randomUUID();
      byte[] one = new byte[5 * 1024 * 1024];
      byte[] two = "part two".getBytes(StandardCharsets.UTF_8);
      String uploadId = store.client().createMultipartUpload(o -> o.bucket(store.bucket()).key(key)
          .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
      assertEquals(200, put(part(store, key, uploadId, 1, one.length, sha256(one)), one).statusCode());
      assertEquals(200, put(part(store, key, uploadId, 2, two.length, sha256(two)), two).statusCode());

      // Unlike S3, S3Proxy lists no part's SHA-256: the service takes them from the client's CompleteUpload.
      List<Part> parts = store.client().listParts(o -> o.bucket(store.bucket()).key(key).uploadId(uploadId)).parts();
      assertEquals(Arrays.asList(null, null), parts.stream().map(Part::checksumSHA256).toList());

      // Unlike S3 (400 InvalidPart), S3Proxy assembles parts whatever SHA-256s the request names:
      // locally, a part is checked on arrival only.
      List<CompletedPart> wrong = List.of(completed(parts.get(0), sha256(two)), completed(parts.get(1), sha256(two)));
      store.completeMultipartUpload(o -> o.bucket(store.bucket()).key(key).uploadId(uploadId)
          .multipartUpload(u -> u.parts(wrong)));
      String composite = store.client().headObject(o -> o.bucket(store.bucket()).key(key)
          .checksumMode(ChecksumMode.ENABLED)).checksumSHA256();
      assertTrue(composite != null && composite.endsWith("-2"), "a composite of two parts: " + composite);
    }
  }

  private static CompletedPart completed(Part part, String sha256) {
    return CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).checksumSHA256(sha256).build();
  }

  private static PresignedRequest part(S3Store store, String key, String uploadId, long size, String sha256) {
    return part(store, key, uploadId, 1, size, sha256);
  }

  private static PresignedRequest part(S3Store store, String key, String uploadId, int number, long size, String sha256) {
    return store.presigner().presignUploadPart(p -> p.signatureDuration(Duration.ofMinutes(5)).uploadPartRequest(o -> o
        .bucket(store.bucket()).key(key).uploadId(uploadId).partNumber(number).contentLength(size).checksumSHA256(sha256)));
  }

  /** Sends the signed headers but Host and Content-Length, which the HTTP client sets. */
  private static HttpResponse<String> put(PresignedRequest signed, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(signed.url().toURI()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    signed.signedHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        request.header(name, String.join(",", values));
      }
    });
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
