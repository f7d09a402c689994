package dev.polystore.platform.valkey;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Makes ElastiCache IAM authentication tokens, the password of an IAM-enabled user in AUTH/HELLO.
 * As AWS documents it ("Authenticating with IAM", ElastiCache user guide), a token is a SigV4
 * request presigned for the service {@code elasticache}:
 * {@code GET http://<cache-name>/?Action=connect&User=<user-id>} (plus
 * {@code &ResourceType=ServerlessCache} for a serverless cache), valid 15 minutes, written without
 * its {@code http://}. No SDK (v2) ships a generator for it, so we presign the request ourselves.
 *
 * @param userId the ElastiCache user's id, which for IAM users AWS requires to equal its name
 * @param cacheName the cache's name (not its endpoint), in lower case as AWS stores it
 * @param serverless whether the cache is serverless; a replication group's token lacks ResourceType
 * @param region the cache's region
 */
record ElastiCacheIamToken(String userId, String cacheName, boolean serverless, String region) {
  /** The longest validity AWS accepts; a token only has to be valid when a connection authenticates. */
  static final Duration VALIDITY = Duration.ofMinutes(15);
  private static final String SERVICE = "elasticache";

  /** A token signed with {@code credentials}, valid from {@code clock}'s now for {@link #VALIDITY}. */
  String token(AwsCredentialsIdentity credentials, Clock clock) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .protocol("http")
        .host(cacheName)
        .encodedPath("/")
        .putRawQueryParameter("Action", "connect")
        .putRawQueryParameter("User", userId);
    if (serverless) {
      request.putRawQueryParameter("ResourceType", "ServerlessCache");
    }
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
            .identity(credentials)
            .request(request.build())
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, VALIDITY)
            .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request();
    return signed.getUri().toString().substring("http://".length());
  }
}
