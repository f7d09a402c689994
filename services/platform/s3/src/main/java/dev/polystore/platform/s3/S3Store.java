package dev.polystore.platform.s3;

import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.telemetry.Telemetry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One service's bucket: the SDK's S3Client and S3Presigner for {@link S3Config}, and its health
 * for the {@link dev.polystore.platform.health.StoreSupervisor} (HeadBucket). There is no schema:
 * {@link #migrate()} only checks that the bucket exists and the credentials may use it.
 */
public final class S3Store implements ManagedStore, AutoCloseable {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final S3Config config;
  private final AwsCredentialsProvider credentials;
  private final S3Client client;
  private final S3Presigner presigner;
  private final PostPolicySigner postSigner;

  public S3Store(S3Config config) {
    this.config = config;
    this.credentials = config.credentials().<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
            c.sessionToken().<AwsCredentials>map(token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
    var clientBuilder = S3Client.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(s3)
        // Checksums only where S3 requires them: the SDK's default CRC32 on every upload is not
        // what we verify (SHA-256), and S3-compatible servers do not all accept it.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(1))
            .socketTimeout(config.requestTimeout().multipliedBy(5))
            .maxConnections(64))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(config.requestTimeout())
            // The SDK's own per-call metrics, published to Micrometer (S3CallMetrics).
            .addMetricPublisher(new S3CallMetrics(Telemetry.meters()))
            .build());
    var presignerBuilder = S3Presigner.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(s3);
    config.endpoint().ifPresent(endpoint -> {
      clientBuilder.endpointOverride(endpoint);
      presignerBuilder.endpointOverride(endpoint);
    });
    this.client = clientBuilder.build();
    this.presigner = presignerBuilder.build();
    this.postSigner = new PostPolicySigner(config.region());
  }

  public S3Config config() {
    return config;
  }

  public String bucket() {
    return config.bucket();
  }

  public S3Client client() {
    return client;
  }

  public S3Presigner presigner() {
    return presigner;
  }

  /** Signs a browser POST upload with the credentials of now: a role's rotate. */
  public PresignedPost presignPost(PostPolicy policy, Instant now) {
    AwsCredentials current = credentials.resolveCredentials();
    S3Credentials signing = new S3Credentials(current.accessKeyId(), current.secretAccessKey(),
        current instanceof AwsSessionCredentials session ? Optional.of(session.sessionToken()) : Optional.empty());
    return new PresignedPost(bucketUrl(policy.bucket()), postSigner.sign(policy, signing, now));
  }

  /** Where a browser POSTs to: the bucket's own host in AWS, the bucket's path under a custom endpoint. */
  URI bucketUrl(String bucket) {
    return config.endpoint()
        .map(endpoint -> URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket))
        .orElseGet(() -> URI.create("https://" + bucket + ".s3." + config.region() + ".amazonaws.com/"));
  }

  /** Throws unless the bucket exists and the credentials may use it. */
  @Override
  public void migrate() {
    client.headBucket(HeadBucketRequest.builder().bucket(config.bucket()).build());
  }

  @Override
  public boolean isReachable() {
    try {
      client.headBucket(HeadBucketRequest.builder().bucket(config.bucket())
          .overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)).build());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }
}
