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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Sends a file's bytes straight to S3 the way CreateUpload signed it: one PUT, a POST form, or PUT per part. */
final class Uploader {
  /** Headers java.net.http sets itself and refuses to take. */
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Uploads by whatever the answer carries and says which way it went ("put", "post" or "multipart"). */
  String upload(CreateUploadResponse grant, byte[] bytes) {
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
        for (UploadPart part : grant.getMultipart().getPartsList()) {
          int from = Math.toIntExact(part.getOffset());
          put("S3 PUT part " + part.getPartNumber(), part.getRequest(),
              Arrays.copyOfRange(bytes, from, from + Math.toIntExact(part.getSizeBytes())));
        }
        return "multipart";
      }
      default -> throw new SeedFailure("files.CreateUpload", "the answer carries no upload");
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
