package dev.polystore.platform.s3;

import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.telemetry.Telemetry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
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
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
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
  private final S3Client completeClient;
  private final S3Presigner presigner;
  private final PostPolicySigner postSigner;

  public S3Store(S3Config config) {
    this(config, config.credentials().<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
            c.sessionToken().<AwsCredentials>map(token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build()));
  }

  /** With {@code credentials} of the caller's choice (tests: credentials that expire). */
  S3Store(S3Config config, AwsCredentialsProvider credentials) {
    this.config = config;
    this.credentials = credentials;
    S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
    this.client = client(s3, config.requestTimeout(), config.requestTimeout().multipliedBy(5));
    // Its own client: a socket timeout is per client, and S3 may be silent for long between the
    // whitespace it sends while it assembles the object.
    this.completeClient = client(s3, config.completeTimeout(), config.completeTimeout());
    var presignerBuilder = S3Presigner.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(s3);
    config.endpoint().ifPresent(presignerBuilder::endpointOverride);
    this.presigner = presignerBuilder.build();
    this.postSigner = new PostPolicySigner(config.region());
  }

  private S3Client client(S3Configuration s3, Duration attemptTimeout, Duration socketTimeout) {
    var builder = S3Client.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(s3)
        // Checksums only where S3 requires them: the SDK's default CRC32 on every upload is not
        // what we verify (SHA-256), and S3-compatible servers do not all accept it.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(1))
            .socketTimeout(socketTimeout)
            .maxConnections(64))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(attemptTimeout)
            // The SDK's own per-call metrics, published to Micrometer (S3CallMetrics).
            .addMetricPublisher(new S3CallMetrics(Telemetry.meters()))
            // A span per call, child of the RPC's (S3CallObservations).
            .addExecutionInterceptor(new S3CallObservations())
            .build());
    config.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * CompleteMultipartUpload under {@link S3Config#completeTimeout()}. A 200 whose body is an error
   * (S3 sends the status before it has assembled the object) is thrown as an S3Exception by the
   * SDK's XML protocol, like any other error.
   */
  public CompleteMultipartUploadResponse completeMultipartUpload(Consumer<CompleteMultipartUploadRequest.Builder> request) {
    return completeClient.completeMultipartUpload(request);
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

  /**
   * When a request signed now stops working: {@code wanted}, or earlier when the signing
   * credentials (a role's session) expire first, since S3 refuses a signature of expired
   * credentials whatever its own expiry says.
   */
  public Instant signableUntil(Instant wanted) {
    AwsCredentials current = credentials.resolveCredentials();
    return current.expirationTime().filter(expiry -> expiry.isBefore(wanted)).orElse(wanted);
  }

  /** Signs a browser POST upload with the credentials of now: a role's rotate. */
  public PresignedPost presignPost(PostPolicy policy, Instant now) {
    AwsCredentials current = credentials.resolveCredentials();
    S3Credentials signing = new S3Credentials(current.accessKeyId(), current.secretAccessKey(),
        current instanceof AwsSessionCredentials session ? Optional.of(session.sessionToken()) : Optional.empty());
    return new PresignedPost(bucketUrl(policy.bucket()), postSigner.sign(policy, signing, now));
  }

  /**
   * Where a browser POSTs to: the bucket's own host in AWS, else (a custom endpoint, a bucket name
   * with dots) the bucket's path on the endpoint (see {@link S3Config#pathStyle()}).
   */
  URI bucketUrl(String bucket) {
    String endpoint = config.endpoint().map(uri -> uri.toString().replaceAll("/+$", ""))
        .orElseGet(() -> "https://s3." + config.region() + ".amazonaws.com");
    return config.pathStyle() ? URI.create(endpoint + "/" + bucket)
        : URI.create("https://" + bucket + ".s3." + config.region() + ".amazonaws.com/");
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
    completeClient.close();
    client.close();
  }
}
