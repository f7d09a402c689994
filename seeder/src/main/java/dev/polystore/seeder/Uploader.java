package dev.polystore.seeder;

import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FormField;
import dev.polystore.files.v1.PresignedRequest;
import dev.polystore.files.v1.UploadPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Sends a file's bytes straight to S3 the way CreateUpload signed it: one PUT, a POST form, or PUT per part. */
final class Uploader {
  /** Headers java.net.http sets itself and refuses to take. */
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Uploads by whatever the answer carries and says which way it went ("put", "post" or "multipart").
   * Parts planned without a request (the upload declared part checksums) are signed by {@code signParts}
   * (SignUploadParts), given each part's SHA-256.
   */
  String upload(CreateUploadResponse grant, byte[] bytes, Function<Map<Integer, String>, List<UploadPart>> signParts) {
    switch (grant.getUploadCase()) {
      case PUT -> {
        put("S3 PUT", grant.getPut(), bytes);
        return "put";
      }
      case POST -> {
        post(grant.getPost().getUrl(), grant.getPost().getFieldsList(), grant.getFile().getFilename(),
            grant.getFile().getContentType(), bytes);
        return "post";
      }
      case MULTIPART -> {
        List<UploadPart> parts = grant.getMultipart().getPartsList();
        if (parts.stream().anyMatch(part -> !part.hasRequest())) {
          Map<Integer, String> sha256s = new HashMap<>();
          parts.forEach(part -> sha256s.put(part.getPartNumber(), sha256(slice(bytes, part))));
          parts = signParts.apply(sha256s);
        }
        for (UploadPart part : parts) {
          put("S3 PUT part " + part.getPartNumber(), part.getRequest(), slice(bytes, part));
        }
        return "multipart";
      }
      default -> throw new SeedFailure("files.CreateUpload", "the answer carries no upload");
    }
  }

  private static byte[] slice(byte[] bytes, UploadPart part) {
    int from = Math.toIntExact(part.getOffset());
    return Arrays.copyOfRange(bytes, from, from + Math.toIntExact(part.getSizeBytes()));
  }

  /** Lowercase hex, as the files contract takes it. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private void put(String call, PresignedRequest request, byte[] bytes) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.getUrl())).timeout(Duration.ofMinutes(5))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (Map.Entry<String, String> header : request.getHeadersMap().entrySet()) {
      if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    send(call, builder.build());
  }

  /** multipart/form-data with the signed fields in order and the file last, as S3's POST policy requires. */
  private void post(String url, Iterable<FormField> fields, String filename, String contentType, byte[] bytes) {
    String boundary = "seeder-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 4096);
    for (FormField field : fields) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getName() + "\"\r\n\r\n"
          + field.getValue() + "\r\n");
    }
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    send("S3 POST", HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private void send(String call, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new SeedFailure(call, "HTTP " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new SeedFailure(call, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SeedFailure(call, "interrupted");
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
