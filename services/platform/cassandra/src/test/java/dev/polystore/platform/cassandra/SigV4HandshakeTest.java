package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.auth.Authenticator;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.aws.mcs.auth.SigV4AuthProvider;

/**
 * The SigV4 plug-in answers a Keyspaces challenge with the AWS SDK version our BOM puts on the
 * class path (the plug-in was built against an older one), without reaching any endpoint.
 */
class SigV4HandshakeTest {

  @Test
  void signsTheNonceOfAKeyspacesChallenge() throws Exception {
    SigV4AuthProvider provider = new SigV4AuthProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-west-1");
    Authenticator authenticator = provider.newAuthenticator(
        new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9142)), "com.amazonaws.cassandra.auth.SigV4Authenticator");

    ByteBuffer initial = authenticator.initialResponse().toCompletableFuture().get();
    ByteBuffer answer = authenticator.evaluateChallenge(
        ByteBuffer.wrap("nonce=0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)))
        .toCompletableFuture().get();

    assertEquals("SigV4\0\0", StandardCharsets.UTF_8.decode(initial).toString());
    String signed = StandardCharsets.UTF_8.decode(answer).toString();
    assertTrue(signed.contains("signature="), signed);
    assertTrue(signed.contains("access_key=AKIDEXAMPLE"), signed);
  }
}
