package dev.polystore.platform.valkey;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lettuce's credentials for an IAM-enabled ElastiCache user. Every (re)connect asks
 * {@link #resolveCredentials()}, which signs a new token then, so a reconnect never presents an
 * expired one (a token lives 15 minutes, a connection much longer). ElastiCache also closes an
 * IAM-authenticated connection after 12 hours unless it authenticates again; {@link #credentials()}
 * therefore offers a fresh token every {@code reauthenticateEvery}, which Lettuce sends as AUTH on
 * the open connections ({@code ReauthenticateBehavior.ON_NEW_CREDENTIALS}).
 */
final class ElastiCacheIamCredentials implements RedisCredentialsProvider {
  private static final Logger log = LoggerFactory.getLogger(ElastiCacheIamCredentials.class);
  /** Well inside ElastiCache's 12 hours, so one failed re-authentication leaves time for the next. */
  static final Duration REAUTHENTICATE_EVERY = Duration.ofHours(1);

  private final ElastiCacheIamToken token;
  private final IdentityProvider<? extends AwsCredentialsIdentity> aws;
  private final Clock clock;
  private final Duration reauthenticateEvery;

  ElastiCacheIamCredentials(ElastiCacheIamToken token, IdentityProvider<? extends AwsCredentialsIdentity> aws,
      Clock clock, Duration reauthenticateEvery) {
    this.token = token;
    this.aws = aws;
    this.clock = clock;
    this.reauthenticateEvery = reauthenticateEvery;
  }

  String userId() {
    return token.userId();
  }

  @Override
  public Mono<RedisCredentials> resolveCredentials() {
    // The credentials chain may block (instance metadata, STS): off Lettuce's event loop.
    return Mono.fromCallable(this::fresh).subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public boolean supportsStreaming() {
    return true;
  }

  @Override
  public Flux<RedisCredentials> credentials() {
    // One failed refresh (credentials chain away) must not end the stream: skip it, try next time.
    return Flux.interval(reauthenticateEvery, reauthenticateEvery, Schedulers.boundedElastic())
        .concatMap(tick -> Mono.fromCallable(this::fresh).onErrorResume(e -> {
          log.warn("could not make a new ElastiCache IAM token; trying again in {}", reauthenticateEvery, e);
          return Mono.empty();
        }));
  }

  private RedisCredentials fresh() {
    AwsCredentialsIdentity identity = aws.resolveIdentity().join();
    return RedisCredentials.just(token.userId(), token.token(identity, clock));
  }
}
