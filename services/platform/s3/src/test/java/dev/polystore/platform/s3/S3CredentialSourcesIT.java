package dev.polystore.platform.s3;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * role the pod identity webhook sets, exchanged at STS (moto_server standing in for it). Without
 * the SDK's sts module on the class path the chain cannot do that exchange at all.
 */
class S3CredentialSourcesIT {
  private static final Map<String, String> WEB_IDENTITY = Map.of(
      "aws.roleArn", "arn:aws:iam::123456789012:role/polystore-files",
      "aws.roleSessionName", "polystore-it",
      "aws.region", "eu-west-1");

  @TempDir
  Path directory;
  private Process sts;

  @BeforeEach
  void startSts() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    sts = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(directory.resolve("moto.log").toFile()).start();
    awaitListening(port);
    Path token = Files.writeString(directory.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
    WEB_IDENTITY.forEach(System::setProperty);
    System.setProperty("aws.webIdentityTokenFile", token.toString());
    System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + port);
  }

  @AfterEach
  void stopSts() {
    WEB_IDENTITY.keySet().forEach(System::clearProperty);
    System.clearProperty("aws.webIdentityTokenFile");
    System.clearProperty("aws.endpointUrlSts");
    sts.destroy();
  }

  @Test
  void theDefaultChainExchangesAWebIdentityTokenForRoleCredentials() {
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      AwsCredentials credentials = chain.resolveCredentials();
      AwsSessionCredentials session = assertInstanceOf(AwsSessionCredentials.class, credentials);
      assertTrue(session.expirationTime().isPresent(), "role credentials carry their expiry");
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 300; attempt++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("moto_server did not listen on " + port);
  }
}
