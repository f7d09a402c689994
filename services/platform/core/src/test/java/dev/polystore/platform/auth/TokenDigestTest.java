package dev.polystore.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TokenDigestTest {
  /** SHA-256 of "abc", FIPS 180-2's own example. */
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void aTokensDigestIsItsSha256InHex() {
    assertEquals(ABC, TokenDigest.of("abc"));
    assertEquals(ABC, TokenDigest.of("abc"), "the thread's digest starts afresh for each token");
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", TokenDigest.of(""));
  }

  @Test
  void eachThreadDigestsOnItsOwn() {
    var other = CompletableFuture.supplyAsync(() -> TokenDigest.of("abc"));
    assertEquals(ABC, TokenDigest.of("abc"));
    assertEquals(ABC, other.join());
  }

  @Test
  void onlyLowerCaseHexOfSixtyFourDigitsIsADigest() {
    assertTrue(TokenDigest.isDigest(ABC));
    assertFalse(TokenDigest.isDigest(ABC.toUpperCase()));
    assertFalse(TokenDigest.isDigest(ABC.substring(1)));
  }
}
