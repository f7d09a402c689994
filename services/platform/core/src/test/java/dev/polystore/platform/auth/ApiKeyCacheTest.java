package dev.polystore.platform.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {
  private static final Principal KEY = new Principal("api-key:1", Principal.Kind.API_KEY, "ws", null, Set.of("files:read"));

  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicReference<Optional<Principal>> answer = new AtomicReference<>(Optional.of(KEY));
  private final Authenticator store = secret -> {
    lookups.incrementAndGet();
    return answer.get();
  };

  @Test
  void answersFromTheCacheWithinTheDelay() {
    ApiKeyCache cache = new ApiKeyCache(store, ApiKeyCache.MAX_REVOCATION_DELAY, 100);
    assertEquals(Optional.of(KEY), cache.authenticate("psk_one"));
    answer.set(Optional.empty()); // revoked in the store: not seen before the delay is over
    assertEquals(Optional.of(KEY), cache.authenticate("psk_one"));
    assertEquals(1, lookups.get(), "the second call must not reach the store");
  }

  @Test
  void asksAgainOnceTheDelayIsOver() {
    ApiKeyCache cache = new ApiKeyCache(store, Duration.ofMillis(100), 100);
    assertEquals(Optional.of(KEY), cache.authenticate("psk_one"));
    answer.set(Optional.empty()); // revoked in the store
    // Once the delay is over the revocation is seen: the key stops working.
    await().atMost(Duration.ofSeconds(10)).until(() -> cache.authenticate("psk_one").isEmpty());
  }

  @Test
  void keysAreCachedApart() {
    ApiKeyCache cache = new ApiKeyCache(store, Duration.ofSeconds(5), 100);
    cache.authenticate("psk_one");
    cache.authenticate("psk_two");
    assertEquals(2, lookups.get());
  }

  @Test
  void aFailureToVerifyIsNotKept() {
    AtomicInteger calls = new AtomicInteger();
    ApiKeyCache cache = new ApiKeyCache(secret -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("store away");
      }
      return Optional.of(KEY);
    }, Duration.ofSeconds(5), 100);
    assertThrows(IllegalStateException.class, () -> cache.authenticate("psk_one"));
    assertEquals(Optional.of(KEY), cache.authenticate("psk_one"));
  }

  @Test
  void refusesADelayAboveFiveSeconds() {
    assertThrows(IllegalArgumentException.class, () -> new ApiKeyCache(store, Duration.ofMillis(5001), 100));
  }
}
