package dev.polystore.files.store;

import dev.polystore.files.domain.ObjectStore;
import dev.polystore.files.domain.SignedPost;
import dev.polystore.files.domain.SignedRequest;
import dev.polystore.files.domain.StoredObject;
import dev.polystore.platform.s3.PostPolicy;
import dev.polystore.platform.s3.PresignedPost;
import dev.polystore.platform.s3.S3Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;

/**
 * The files bucket through the AWS SDK: presigned PUTs, parts and GETs from S3Presigner, browser
 * POSTs from the platform's policy signer, and the checks of what arrived.
 */
public final class S3ObjectStore implements ObjectStore {
  private final S3Store s3;

  public S3ObjectStore(S3Store s3) {
    this.s3 = s3;
  }

  @Override
  public Instant signableUntil(Instant wanted) {
    return s3.signableUntil(wanted);
  }

  @Override
  public SignedRequest presignPut(String key, String contentType, long size, Optional<String> sha256, Duration ttl) {
    PresignedRequest signed = s3.presigner().presignPutObject(put -> put.signatureDuration(ttl).putObjectRequest(o -> {
      o.bucket(s3.bucket()).key(key).contentType(contentType).contentLength(size);
      sha256.ifPresent(hex -> o.checksumSHA256(base64(hex)));
    }));
    return signed(signed);
  }

  @Override
  public SignedPost presignPost(String key, String contentType, long size, Optional<String> sha256, Instant expiresAt) {
    PresignedPost post = s3.presignPost(new PostPolicy(s3.bucket(), key, contentType, size, size, expiresAt,
        sha256.map(S3ObjectStore::base64)), Instant.now());
    return new SignedPost(post.url(), post.fields());
  }

  @Override
  public String startMultipart(String key, String contentType, boolean partSha256) {
    return s3.client().createMultipartUpload(o -> {
      o.bucket(s3.bucket()).key(key).contentType(contentType);
      if (partSha256) {
        o.checksumAlgorithm(ChecksumAlgorithm.SHA256);
      }
    }).uploadId();
  }

  @Override
  public SignedRequest presignPart(String key, String uploadId, int partNumber, long size, Optional<String> sha256,
      Duration ttl) {
    return signed(s3.presigner().presignUploadPart(part -> part.signatureDuration(ttl).uploadPartRequest(o -> {
      o.bucket(s3.bucket()).key(key).uploadId(uploadId).partNumber(partNumber).contentLength(size);
      sha256.ifPresent(hex -> o.checksumSHA256(base64(hex)));
    })));
  }

  @Override
  public boolean completeMultipart(String key, String uploadId, List<Long> partSizes) {
    Map<Integer, Part> parts = new TreeMap<>();
    try {
      s3.client().listPartsPaginator(o -> o.bucket(s3.bucket()).key(key).uploadId(uploadId)).parts()
          .forEach(part -> parts.put(part.partNumber(), part));
    } catch (NoSuchUploadException gone) {
      // Assembled already by a concurrent CompleteUpload, or aborted.
      return head(key).isPresent();
    }
    if (parts.size() != partSizes.size()) {
      return false;
    }
    for (int number = 1; number <= partSizes.size(); number++) {
      Part part = parts.get(number);
      if (part == null || part.size() != partSizes.get(number - 1).longValue()) {
        return false;
      }
    }
    List<CompletedPart> completed = parts.values().stream()
        // S3 checked each part against the SHA-256 signed into its PUT, and wants it back for a
        // SHA-256 upload (null for others, and S3Proxy lists none).
        .map(part -> CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag())
            .checksumSHA256(part.checksumSHA256()).build())
        .toList();
    s3.completeMultipartUpload(o -> o.bucket(s3.bucket()).key(key).uploadId(uploadId)
        .multipartUpload(upload -> upload.parts(completed)));
    return true;
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    try {
      s3.client().abortMultipartUpload(o -> o.bucket(s3.bucket()).key(key).uploadId(uploadId));
    } catch (NoSuchUploadException gone) {
      // Completed or aborted before: nothing left to free.
    }
  }

  @Override
  public Optional<StoredObject> head(String key) {
    HeadObjectResponse head;
    try {
      head = s3.client().headObject(o -> o.bucket(s3.bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new StoredObject(head.contentLength(), head.contentType(), fullSha256(head)));
  }

  @Override
  public String sha256(String key) {
    try (ResponseInputStream<GetObjectResponse> in = s3.client().getObject(o -> o.bucket(s3.bucket()).key(key))) {
      return HexFormat.of().formatHex(digest(in));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + key + " to check its SHA-256", e);
    }
  }

  @Override
  public void delete(String key) {
    s3.client().deleteObject(o -> o.bucket(s3.bucket()).key(key));
  }

  @Override
  public URI presignDownload(String key, String filename, Duration ttl) {
    try {
      return s3.presigner().presignGetObject(get -> get.signatureDuration(ttl).getObjectRequest(o -> o
          .bucket(s3.bucket()).key(key).responseContentDisposition(ContentDisposition.attachment(filename))))
          .url().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK signed an invalid URL", e);
    }
  }

  /** A SHA-256 as S3's checksum headers and fields carry it: Base64 of the bytes, from lowercase hex. */
  private static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  /** The object's own SHA-256, when S3 keeps one for the whole object (not a composite of parts). */
  private static Optional<String> fullSha256(HeadObjectResponse head) {
    String checksum = head.checksumSHA256();
    if (checksum == null || checksum.contains("-") || head.checksumType() == ChecksumType.COMPOSITE) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(checksum)));
  }

  private static byte[] digest(InputStream in) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      sha256.update(buffer, 0, n);
    }
    return sha256.digest();
  }

  /** The URL and the headers to send: every signed one but Host, which the client's HTTP stack sets. */
  private static SignedRequest signed(PresignedRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request.signedHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        headers.put(name, String.join(",", values));
      }
    });
    try {
      return new SignedRequest(request.url().toURI(), headers);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK signed an invalid URL", e);
    }
  }
}
