package dev.polystore.gateway;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.accounts.v1.VerifyApiKeyResponse;
import dev.polystore.platform.auth.Authenticator;
import dev.polystore.platform.auth.Principal;
import dev.polystore.platform.errors.ServiceException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies workspace API keys by asking the accounts service over gRPC (VerifyApiKey), for a
 * process that hosts other services only: services never read each other's databases. Its answers
 * are cached like the in-process verifier's (at most 5 s), so a call pays this round trip at most
 * once per key per 5 s. VerifyApiKey records the key's use on the accounts side, so through this
 * path a key's last use is its last verification, refused calls included.
 */
final class RemoteKeyVerifier implements Authenticator, AutoCloseable {
  private final ManagedChannel channel;
  private final AccountsServiceGrpc.AccountsServiceBlockingStub accounts;
  private final Duration timeout;

  RemoteKeyVerifier(ManagedChannel channel, Duration timeout) {
    this.channel = channel;
    this.accounts = AccountsServiceGrpc.newBlockingStub(channel);
    this.timeout = timeout;
  }

  @Override
  public Optional<Principal> authenticate(String secret) {
    VerifyApiKeyResponse key;
    try {
      key = accounts.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .verifyApiKey(VerifyApiKeyRequest.newBuilder().setSecret(secret).build());
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.INVALID_ARGUMENT) {
        return Optional.empty(); // unknown, revoked, expired, or not even shaped like a key
      }
      // Accounts away, or refusing this gateway's own credential: the caller may retry, and an
      // operator must see which.
      throw ServiceException.unavailable("cannot verify the API key: the accounts service answered " + code
          + (e.getStatus().getDescription() == null ? "" : " (" + e.getStatus().getDescription() + ")"), e);
    }
    return Optional.of(Principal.apiKey(key.getApiKeyId(), key.getWorkspaceId(),
        key.getUserId().isEmpty() ? null : key.getUserId(), Set.copyOf(key.getScopesList())));
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
