package dev.polystore.files;

import dev.polystore.files.v1.FormField;
import dev.polystore.files.v1.PresignedPost;
import dev.polystore.files.v1.PresignedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/** What a browser does with the service's presigned requests, over java.net.http: the requests go to S3 itself. */
final class Http {
  // A connection per request, as separate browser uploads would have: S3 answers a refused upload
  // before reading its body and then closes the connection, and a pooled client would send the next
  // request down that closed connection.
  private static HttpClient client() {
    return HttpClient.newHttpClient();
  }

  private Http() {}

  /** PUTs {@code body} to the URL with the given headers (Content-Length follows from the body). */
  static HttpResponse<String> put(String url, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    // Expect: 100-continue, as browsers' and SDKs' large uploads do: S3 answers a refused upload
    // (expired URL, bad signature) before the body is sent, so the client reads that answer instead
    // of failing on a connection S3 closed while the body was still going up.
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).expectContinue(true)
        .timeout(PUT_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    // java.net.http sets Content-Length itself, from the body.
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("content-length")) {
        request.header(name, value);
      }
    });
    // No HTTP answer at all (the connection closed before a status line, or none came in time) is
    // not S3's verdict on the upload, so the PUT is sent again on a new connection, as the AWS SDKs
    // retry a reset: up to PUT_ATTEMPTS in all. Under load devstack's S3Proxy sometimes drops a
    // presigned part PUT so, three times in a row once in CI; a refusal is a status and is never
    // retried. Each attempt's failure and time go with the last one, to tell a drop from a timeout.
    IOException failed = new IOException("no HTTP answer to the PUT in " + PUT_ATTEMPTS + " attempts");
    for (int attempt = 1; attempt <= PUT_ATTEMPTS; attempt++) {
      long started = System.nanoTime();
      try {
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException noAnswer) {
        failed.addSuppressed(new IOException("attempt " + attempt + " failed after "
            + (System.nanoTime() - started) / 1_000_000 + " ms", noAnswer));
      }
    }
    throw failed;
  }

  private static final int PUT_ATTEMPTS = 5;

  /** Far beyond a local upload of a few MiB; five attempts fit in FilesSignPartsIT's 90 s URLs. */
  private static final java.time.Duration PUT_TIMEOUT = java.time.Duration.ofSeconds(8);

  static HttpResponse<String> put(PresignedRequest signed, byte[] body) throws IOException, InterruptedException {
    return put(signed.getUrl(), signed.getHeadersMap(), body);
  }

  /** The form's fields in order, then the file, as multipart/form-data. */
  static HttpResponse<String> post(PresignedPost form, Map<String, String> overrides, byte[] file)
      throws IOException, InterruptedException {
    String boundary = "----polystore" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (FormField field : form.getFieldsList()) {
      String value = overrides.getOrDefault(field.getName(), field.getValue());
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getName() + "\"\r\n\r\n"
          + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return client().send(HttpRequest.newBuilder(URI.create(form.getUrl()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return client().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static boolean ok(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
