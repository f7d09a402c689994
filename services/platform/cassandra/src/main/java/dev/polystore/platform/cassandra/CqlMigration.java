package dev.polystore.platform.cassandra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned migration file, {@code V<n>__<description>.cql}.
 *
 * @param version its version, a positive integer
 * @param fileName as found, e.g. {@code V1__events.cql}
 * @param checksum {@code h1:} and the base64 SHA-256 of its text with CRLF read as LF, the same
 *     hash as the migrations.sum files of tools/migration-checks
 * @param statements its statements, in order
 */
public record CqlMigration(int version, String fileName, String checksum, List<CqlStatement> statements) {
  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.cql");

  public CqlMigration {
    statements = List.copyOf(statements);
  }

  /** The migration in a file of that name and content, or empty when the name is not a migration's. */
  public static Optional<CqlMigration> of(String fileName, byte[] content) {
    Matcher name = NAME.matcher(fileName);
    if (!name.matches()) {
      return Optional.empty();
    }
    String text = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n");
    List<CqlStatement> statements;
    try {
      statements = CqlScript.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MigrationException(fileName + ": " + e.getMessage());
    }
    return Optional.of(new CqlMigration(Integer.parseInt(name.group(1)), fileName, checksum(text), statements));
  }

  private static String checksum(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "h1:" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
