package dev.polystore.examples.browserupload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpServer;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalS3;
import dev.polystore.files.FilesServer;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.GetDownloadUrlRequest;
import dev.polystore.files.v1.SignUploadPartsRequest;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.files.v1.UploadPart;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * page/ in headless Chromium, served at an allowed origin (FILES_CORS_ALLOWED_ORIGINS, set by the
 * pom), uploading to devstack's S3 with what the files service's CreateUpload answered: the three
 * ways in, each completed over gRPC as a backend would and downloaded back through the presigned
 * GET with the same SHA-256; and S3's refusals, as the page sees them.
 */
class BrowserUploadIT {
  private static final long MIB = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long SHORT_URL_TTL_SECONDS = 1;

  private static FilesServer server;
  /** Another server whose upload URLs expire at once. */
  private static FilesServer shortLived;
  private static HttpServer allowedPage;
  private static HttpServer otherPage;
  private static ChromeDriver browser;
  private static Path profile;
  private static Path uploads;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws Exception {
    // Checked first: without a browser the test must fail, not skip.
    ChromeDriverService driver = driverService();
    URI allowed = allowedOrigin();
    Path page = Path.of(System.getProperty("browser-upload.page", "page"));
    allowedPage = serve(page, new InetSocketAddress(allowed.getHost(), allowed.getPort()));
    otherPage = serve(page, new InetSocketAddress("127.0.0.1", 0));
    uploads = Files.createTempDirectory("browser-upload-files");
    profile = Files.createTempDirectory("browser-upload-profile");
    browser = new ChromeDriver(driver, options(profile));
    server = FilesServer.startServing(Map.of());
    shortLived = FilesServer.startServing(Map.of("FILES_UPLOAD_URL_TTL_SECONDS", Long.toString(SHORT_URL_TTL_SECONDS)));
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    for (HttpServer page : new HttpServer[] {allowedPage, otherPage}) {
      if (page != null) {
        page.stop(0);
      }
    }
    for (FilesServer files : new FilesServer[] {server, shortLived}) {
      if (files != null) {
        files.close();
      }
    }
    for (Path dir : new Path[] {uploads, profile}) {
      if (dir != null) {
        try (var paths = Files.walk(dir)) {
          paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Test
  void aPutUploadFromThePageCompletesAndDownloadsTheSameBytes() throws Exception {
    uploadCompleteAndDownload("hello.txt", "text/plain", random(200_000, 1), UploadMethod.UPLOAD_METHOD_PUT, 0);
  }

  @Test
  void aPostFormUploadFromThePageCompletesAndDownloadsTheSameBytes() throws Exception {
    uploadCompleteAndDownload("picture.png", "image/png", random(300_000, 2), UploadMethod.UPLOAD_METHOD_POST, 0);
  }

  @Test
  void aMultipartUploadFromThePageReturnsEachPartsETagAndCompletes() throws Exception {
    // Above FilesServer's 6 MiB threshold: parts of 5 MiB.
    uploadCompleteAndDownload("big.pdf", "application/pdf", random((int) (6 * MIB + 100), 3), UploadMethod.UPLOAD_METHOD_PUT, 2);
  }

  @Test
  void aMultipartUploadWithPartChecksumsIsSignedPartByPartAndCompletes() throws Exception {
    // The page hashes each part (SubtleCrypto) and its backend (sign-parts below) calls SignUploadParts.
    byte[] bytes = random((int) (6 * MIB + 100), 5);
    CreateUploadResponse upload = server.files().createUpload(request("checked.pdf", "application/pdf", bytes,
        UploadMethod.UPLOAD_METHOD_PUT).setSha256("").setPartChecksums(true).build());
    assertTrue(upload.getMultipart().getPartsList().stream().noneMatch(UploadPart::hasRequest), "a plan, unsigned");
    uploadCompleteAndDownload(upload, bytes, 2);
  }

  @Test
  void aPageAtAnOriginThatIsNotAllowedSeesNoAnswer() throws Exception {
    byte[] bytes = random(1000, 4);
    CreateUploadResponse upload = create(server, "a.txt", "text/plain", bytes, UploadMethod.UPLOAD_METHOD_PUT);
    open(otherPage);

    Map<String, Object> result = upload(json(upload), file("a.txt", bytes));

    assertRefused(result, 0, "NetworkError");
    assertFalse(server.objects().contains(key(upload)), "the PUT never went past the preflight");
  }

  @Test
  void s3RefusesAPostLargerThanItsPolicyAndThePageShowsWhy() throws Exception {
    byte[] declared = random(1000, 5);
    CreateUploadResponse upload = create(server, "p.png", "image/png", declared, UploadMethod.UPLOAD_METHOD_POST);
    open(allowedPage);

    Map<String, Object> result = upload(json(upload), file("p.png", random(1001, 5)));

    assertRefused(result, 400, "EntityTooLarge");
    assertFalse(server.objects().contains(key(upload)));
  }

  @Test
  void s3RefusesAPutWithAnotherContentTypeAndThePageShowsWhy() throws Exception {
    byte[] bytes = random(1000, 6);
    CreateUploadResponse upload = create(server, "t.txt", "text/plain", bytes, UploadMethod.UPLOAD_METHOD_PUT);
    CreateUploadResponse.Builder tampered = upload.toBuilder();
    // What a page does that sends the file's own type instead of the signed one.
    tampered.getPutBuilder().putHeaders(upload.getPut().getHeadersMap().keySet().stream()
        .filter(h -> h.equalsIgnoreCase("content-type")).findFirst().orElseThrow(), "image/png");
    open(allowedPage);

    Map<String, Object> result = upload(json(tampered.build()), file("t.txt", bytes));

    assertRefused(result, 403, "SignatureDoesNotMatch");
    assertFalse(server.objects().contains(key(upload)));
  }

  @Test
  void s3RefusesAnExpiredPostFormAndThePageShowsWhy() throws Exception {
    Map<String, Object> result = uploadExpired(UploadMethod.UPLOAD_METHOD_POST);

    assertRefused(result, 403, "AccessDenied");
    assertTrue(String.valueOf(result.get("message")).toLowerCase().contains("expired"), () -> "result: " + result);
  }

  /**
   * A PUT needs a CORS preflight, and S3Proxy (unlike Amazon S3, which answers preflights without
   * looking at the signature) refuses the preflight of an expired URL: the page can read no answer.
   * It still sees the upload refused, and nothing reaches the bucket.
   */
  @Test
  void anExpiredPutUrlIsRefusedAndThePageSeesIt() throws Exception {
    assertRefused(uploadExpired(UploadMethod.UPLOAD_METHOD_PUT), 0, "NetworkError");
  }

  /** The page's outcome of an upload whose URLs have expired; nothing reached the bucket. */
  private Map<String, Object> uploadExpired(UploadMethod method) throws Exception {
    byte[] bytes = random(1000, 7);
    CreateUploadResponse upload = create(shortLived, "e.txt", "text/plain", bytes, method);
    Path file = file("e.txt", bytes);
    open(allowedPage);
    // S3 checks expiry by its own clock, to the second: a URL is expired once two more have passed.
    sleep(Duration.ofSeconds(SHORT_URL_TTL_SECONDS + 2).toMillis());

    Map<String, Object> result = upload(json(upload), file);

    assertFalse(shortLived.objects().contains(key(upload)));
    return result;
  }

  private void uploadCompleteAndDownload(String name, String type, byte[] bytes, UploadMethod method, int parts)
      throws Exception {
    uploadCompleteAndDownload(create(server, name, type, bytes, method), bytes, parts);
  }

  private void uploadCompleteAndDownload(CreateUploadResponse upload, byte[] bytes, int parts) throws Exception {
    assertEquals(parts > 0, upload.hasMultipart(), "the upload's shape");
    open(allowedPage);

    Map<String, Object> result = upload(json(upload), file(upload.getFile().getFilename(), bytes));

    assertEquals("succeeded", result.get("state"), () -> "result: " + result);
    assertEquals(100.0, ((Number) result.get("progress")).doubleValue(), "the progress bar reached the end");
    List<?> etags = (List<?>) result.get("parts");
    assertEquals(parts, etags.size(), () -> "parts: " + etags);
    for (Object part : etags) {
      assertFalse(String.valueOf(((Map<?, ?>) part).get("etag")).isBlank(), () -> "CORS exposes ETag: " + etags);
    }
    assertEquals(FileStatus.FILE_STATUS_READY, server.files().completeUpload(CompleteUploadRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(upload.getFile().getFileId()).build()).getFile().getStatus());
    String url = server.files().getDownloadUrl(GetDownloadUrlRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(upload.getFile().getFileId()).build()).getUrl();

    Map<String, Object> download = run("download", url, "check");

    assertEquals("succeeded", download.get("state"), () -> "download: " + download);
    assertEquals(sha256(bytes), download.get("sha256"));
  }

  private CreateUploadResponse create(FilesServer files, String name, String type, byte[] bytes, UploadMethod method) {
    return files.files().createUpload(request(name, type, bytes, method).build());
  }

  private CreateUploadRequest.Builder request(String name, String type, byte[] bytes, UploadMethod method) {
    return CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename(name)
        .setContentType(type).setSizeBytes(bytes.length).setSha256(sha256(bytes)).setMethod(method);
  }

  private String key(CreateUploadResponse upload) {
    return "workspaces/" + workspace + "/files/" + upload.getFile().getFileId();
  }

  /** Chooses the file as a user would and hands the page CreateUpload's answer, as its backend would. */
  private static Map<String, Object> upload(String json, Path file) {
    browser.findElement(By.id("file")).sendKeys(file.toString());
    return run("upload", json, "start");
  }

  /** Puts {@code value} into the field, clicks the button, and waits for the page's outcome. */
  private static Map<String, Object> run(String field, String value, String button) {
    browser.executeScript("document.getElementById(arguments[0]).value = arguments[1]; window.lastResult = null;",
        field, value);
    browser.findElement(By.id(button)).click();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) browser.executeScript("return window.lastResult;");
      if (result != null && List.of("succeeded", "failed").contains(result.get("state"))) {
        String shown = browser.findElement(By.id("status")).getAttribute("data-state");
        assertEquals(result.get("state"), shown, "the page shows its outcome");
        return result;
      }
      sleep(100);
    }
    return fail("the page gave no outcome within " + WAIT + ": " + browser.findElement(By.id("status")).getText());
  }

  private static void assertRefused(Map<String, Object> result, int status, String code) {
    assertEquals("failed", result.get("state"), () -> "result: " + result);
    assertEquals(status, ((Number) result.get("status")).intValue(), () -> "result: " + result);
    assertEquals(code, result.get("code"), () -> "result: " + result);
  }

  private static void open(HttpServer page) {
    browser.get("http://127.0.0.1:" + page.getAddress().getPort() + "/index.html");
  }

  private static String json(CreateUploadResponse upload) throws InvalidProtocolBufferException {
    return JsonFormat.printer().print(upload);
  }

  private static Path file(String name, byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory(uploads, "f");
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The page's origin: the first of FILES_CORS_ALLOWED_ORIGINS, which devstack's S3 was started with. */
  private static URI allowedOrigin() {
    String setting = System.getenv(LocalS3.CORS_ORIGINS_SETTING);
    if (setting == null || setting.isBlank()) {
      fail(LocalS3.CORS_ORIGINS_SETTING + " is not set: run the test through Maven (the pom sets it), or set it to "
          + "http://127.0.0.1:<free port>");
    }
    URI origin = URI.create(setting.split(",")[0].strip());
    assertEquals("127.0.0.1", origin.getHost(), "the page is served on 127.0.0.1");
    assertTrue(Devstack.s3().corsOrigins().contains(origin.toString()), () -> "devstack's S3 allows " + origin);
    return origin;
  }

  private static HttpServer serve(Path page, InetSocketAddress address) throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new IOException("cannot serve the page on " + address + " (choose another with -Dbrowser-upload.origin)", e);
    }
    // The page's backend for parts with checksums: SignUploadPartsRequest in, its response out, as proto3 JSON.
    http.createContext("/sign-parts", exchange -> {
      SignUploadPartsRequest.Builder request = SignUploadPartsRequest.newBuilder();
      JsonFormat.parser().merge(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), request);
      byte[] body;
      int status = 200;
      try {
        body = JsonFormat.printer().print(server.files().signUploadParts(request.build())).getBytes(StandardCharsets.UTF_8);
      } catch (StatusRuntimeException e) {
        status = 400;
        body = e.getStatus().toString().getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    http.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring(1);
      Path file = page.resolve(name).normalize();
      boolean found = file.startsWith(page.normalize()) && Files.isRegularFile(file);
      byte[] body = found ? Files.readAllBytes(file) : "not found".getBytes();
      exchange.getResponseHeaders().set("Content-Type", name.endsWith(".js") ? "text/javascript"
          : name.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain");
      exchange.sendResponseHeaders(found ? 200 : 404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    http.start();
    return http;
  }

  /** Debian's chromedriver for Debian's chromium (tools/browser/install): missing is a failure, not a skip. */
  private static ChromeDriverService driverService() {
    Path chromium = Path.of(System.getProperty("browser-upload.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("browser-upload.chromedriver", "/usr/bin/chromedriver"));
    List<String> missing = new ArrayList<>();
    for (Path binary : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(binary)) {
        missing.add(binary.toString());
      }
    }
    if (!missing.isEmpty()) {
      fail("no browser to drive: " + missing + " missing. Install chromium and chromedriver with tools/browser/install "
          + "(or point -Dbrowser-upload.chromium and -Dbrowser-upload.chromedriver at them)");
    }
    return new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
  }

  private static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("browser-upload.chromium", "/usr/bin/chromium"));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    return options;
  }
}
