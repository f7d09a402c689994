package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a process that does not host accounts verifies workspace API keys:
 * <ul>
 *   <li>{@code POLYSTORE_ACCOUNTS_TARGET}: the accounts service's gRPC address ({@code host:port});
 *   <li>{@code POLYSTORE_ACCOUNTS_TOKEN}: this gateway's own service token there, which must hold
 *       {@code keys:verify};
 *   <li>{@code POLYSTORE_ACCOUNTS_TLS}: {@code true} to speak TLS to it (the JVM's trusted CAs);
 *   <li>{@code POLYSTORE_ACCOUNTS_TIMEOUT_MS}: how long one verification may take (default 1000).
 * </ul>
 */
final class AccountsEndpoint {
  static final String TARGET = "POLYSTORE_ACCOUNTS_TARGET";
  static final String TOKEN = "POLYSTORE_ACCOUNTS_TOKEN";
  static final String TLS = "POLYSTORE_ACCOUNTS_TLS";
  static final String TIMEOUT = "POLYSTORE_ACCOUNTS_TIMEOUT_MS";

  private AccountsEndpoint() {}

  /** The remote verifier the environment configures; empty when it names no accounts service. */
  static Optional<RemoteKeyVerifier> fromEnv(Env env) {
    if (!env.has(TARGET)) {
      return Optional.empty();
    }
    String target = env.required(TARGET);
    if (!target.matches("[A-Za-z0-9.-]+:[0-9]{1,5}")) {
      throw new ConfigException(TARGET, "must be host:port, was '" + target + "'");
    }
    String token = env.required(TOKEN);
    Duration timeout = Duration.ofMillis(env.integer(TIMEOUT, 1000, 50, 30_000));
    Metadata headers = new Metadata();
    headers.put(dev.polystore.platform.grpc.AuthInterceptor.AUTHORIZATION, "Bearer " + token);
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target)
        .intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    ManagedChannel channel = env.bool(TLS, false) ? builder.useTransportSecurity().build() : builder.usePlaintext().build();
    return Optional.of(new RemoteKeyVerifier(channel, timeout));
  }

}
