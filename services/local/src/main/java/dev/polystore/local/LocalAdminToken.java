package dev.polystore.local;

import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.auth.TokenDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Local mode's bootstrap admin credential: a random token, kept in {@link #FILE} (owner-only) so
 * that README's examples and the seeder can read it and it survives restarts. The gateway gets
 * only its SHA-256, as in production.
 */
public final class LocalAdminToken {
  /** Where README's examples read the token: relative to where the gateway runs. */
  public static final Path FILE = Path.of("target", "devstack", "admin-token");

  private LocalAdminToken() {}

  /** The token local mode made in {@link #FILE}, for clients started in the same directory. */
  public static String read() {
    try {
      return Files.readString(FILE).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no local admin token in " + FILE.toAbsolutePath() + ": start local mode first", e);
    }
  }

  /** The SHA-256 of the token in {@code file}, made first when there is none. */
  public static String digest(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path fresh = Files.createTempFile(file.toAbsolutePath().getParent(), "admin-token", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(fresh, "pat_" + HexFormat.of().formatHex(random));
        // Moved into place whole: a reader never sees half a token.
        Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return TokenDigest.of(Files.readString(file).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the local admin token in " + file + " (" + AuthSettings.ADMIN_TOKEN_SHA256
          + " set in the environment skips it)", e);
    }
  }
}
