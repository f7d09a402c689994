package dev.polystore.accounts.domain;

import dev.polystore.platform.ids.RequestIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How CreateApiKey keeps a secret for retries without keeping it readable: the secret is encrypted
 * (AES-256-GCM) under a key derived from the caller's request_id, and the row is found by another,
 * independent hash of the request_id. The service keeps neither the request_id nor the secret, so
 * whoever reads the database learns nothing usable; a retry, which brings the request_id, decrypts.
 */
public final class RequestSeal {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random;

  public RequestSeal(SecureRandom random) {
    this.random = random;
  }

  /** The id the store keeps the request under: a hash of the request id, not the request id. */
  public static UUID lookupId(UUID requestId) {
    ByteBuffer hash = ByteBuffer.wrap(digest("polystore create_requests lookup", requestId));
    return new UUID(hash.getLong(), hash.getLong());
  }

  /** The secret, encrypted under the request id: a random nonce, then the ciphertext and tag. */
  public byte[] seal(UUID requestId, String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, requestId, nonce, secret.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  /** The secret {@link #seal} sealed under the same request id. */
  public static String open(UUID requestId, byte[] sealed) {
    byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
    byte[] secret = crypt(Cipher.DECRYPT_MODE, requestId, nonce, Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
    return new String(secret, StandardCharsets.UTF_8);
  }

  private static byte[] crypt(int mode, UUID requestId, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(digest("polystore create_requests seal", requestId), "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      // Only a lookup-hash collision would bring another request's seal here: treat it as reuse.
      throw RequestIds.reused();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has AES-GCM", e);
    }
  }

  /** SHA-256 of a purpose label and the request id, so the lookup id says nothing of the key. */
  private static byte[] digest(String purpose, UUID requestId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(purpose.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(requestId.toString().getBytes(StandardCharsets.US_ASCII));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
