package dev.polystore.platform.postgres;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * IAM database authentication: the password of each new connection is a token that RdsUtilities
 * signs locally (SigV4, action {@code rds-db:connect}) with the service's AWS credentials. A token
 * is good for logging in for 15 minutes, so one is made per connection, never cached; connections
 * already open are not affected by its expiry.
 */
public final class RdsIamTokens {
  public static final String IAM_AUTH = "POSTGRES_IAM_AUTH";
  public static final String REGION = "AWS_REGION";
  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

  private final RdsUtilities rds;

  RdsIamTokens(Region region, AwsCredentialsProvider credentials) {
    this.rds = RdsUtilities.builder().region(region).credentialsProvider(credentials).build();
  }

  /**
   * With {@link #REGION}, and credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
   * AWS_SESSION_TOKEN) when the environment sets them, else from the SDK's default chain (ECS task
   * role, EKS web identity), as the S3 binding does.
   */
  static RdsIamTokens fromEnv(Env env) {
    String region = env.optional(REGION).orElseThrow(() ->
        new ConfigException(REGION, "is required with " + IAM_AUTH + "=true (the region tokens are signed for)"));
    if (!REGION_NAME.matcher(region).matches()) {
      throw new ConfigException(REGION, "must be an AWS region such as eu-west-1, was '" + region + "'");
    }
    AwsCredentialsProvider credentials = env.optional("AWS_ACCESS_KEY_ID")
        .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(credentials(env, key)))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    return new RdsIamTokens(Region.of(region), credentials);
  }

  private static AwsCredentials credentials(Env env, String accessKeyId) {
    String secret = env.optional("AWS_SECRET_ACCESS_KEY").orElseThrow(() ->
        new ConfigException("AWS_SECRET_ACCESS_KEY", "is required with AWS_ACCESS_KEY_ID"));
    return env.optional("AWS_SESSION_TOKEN")
        .<AwsCredentials>map(token -> AwsSessionCredentials.create(accessKeyId, secret, token))
        .orElseGet(() -> AwsBasicCredentials.create(accessKeyId, secret));
  }

  /** A fresh token for {@code user} at the endpoint's host and port: the name the instance sees is part of what is signed. */
  public String token(PostgresEndpoint endpoint, String user) {
    return rds.generateAuthenticationToken(request -> request.hostname(endpoint.host()).port(endpoint.port())
        .username(user));
  }
}
