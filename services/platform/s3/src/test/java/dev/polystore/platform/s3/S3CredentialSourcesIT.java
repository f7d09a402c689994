package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The SDK's default chain as the gateway uses it (no keys in S3Store's settings) gets credentials
 * from a web identity token, as on EKS with IAM roles for service accounts: the token file and
 * role the pod identity webhook sets, exchanged at STS. Without the SDK's sts module on the class
 * path the chain cannot do that exchange at all.
 *
 * <p>STS is a loopback HTTP endpoint answering AssumeRoleWithWebIdentity with the response AWS
 * documents; a JDK server, not a Python fake, so that the test needs nothing a fresh machine lacks.
 * It checks what the SDK sent: the action, the role and the token from the file.
 */
class S3CredentialSourcesIT {
  private static final String ROLE = "arn:aws:iam::123456789012:role/polystore-files";
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl";
  private static final Map<String, String> WEB_IDENTITY = Map.of(
      "aws.roleArn", ROLE,
      "aws.roleSessionName", "polystore-it",
      "aws.region", "eu-west-1");

  @TempDir
  Path directory;
  private HttpServer sts;
  private final AtomicReference<String> request = new AtomicReference<>("");

  @BeforeEach
  void startSts() throws IOException {
    sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sts.createContext("/", exchange -> {
      request.set(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          StandardCharsets.UTF_8));
      byte[] body = assumedRole(Instant.now().plus(Duration.ofHours(1))).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    sts.start();
    Path token = Files.writeString(directory.resolve("token"), TOKEN);
    WEB_IDENTITY.forEach(System::setProperty);
    System.setProperty("aws.webIdentityTokenFile", token.toString());
    System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort());
  }

  @AfterEach
  void stopSts() {
    WEB_IDENTITY.keySet().forEach(System::clearProperty);
    System.clearProperty("aws.webIdentityTokenFile");
    System.clearProperty("aws.endpointUrlSts");
    sts.stop(0);
  }

  @Test
  void theDefaultChainExchangesAWebIdentityTokenForRoleCredentials() {
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      AwsCredentials credentials = chain.resolveCredentials();
      AwsSessionCredentials session = assertInstanceOf(AwsSessionCredentials.class, credentials);
      assertEquals("ASIAPOLYSTOREIT", session.accessKeyId());
      assertTrue(session.expirationTime().isPresent(), "role credentials carry their expiry");
    }
    assertTrue(request.get().contains("Action=AssumeRoleWithWebIdentity"), request.get());
    assertTrue(request.get().contains("RoleArn=" + ROLE), request.get());
    assertTrue(request.get().contains("WebIdentityToken=" + TOKEN), request.get());
  }

  /** STS's AssumeRoleWithWebIdentity answer, as its API reference shows it. */
  private static String assumedRole(Instant expiration) {
    return """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <Credentials>
              <AccessKeyId>ASIAPOLYSTOREIT</AccessKeyId>
              <SecretAccessKey>not-a-real-secret</SecretAccessKey>
              <SessionToken>not-a-real-session-token</SessionToken>
              <Expiration>%s</Expiration>
            </Credentials>
            <SubjectFromWebIdentityToken>system:serviceaccount:polystore:files</SubjectFromWebIdentityToken>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/polystore-files/polystore-it</Arn>
              <AssumedRoleId>AROAPOLYSTOREIT:polystore-it</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata><RequestId>polystore-it</RequestId></ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """.formatted(expiration.truncatedTo(ChronoUnit.SECONDS));
  }
}
