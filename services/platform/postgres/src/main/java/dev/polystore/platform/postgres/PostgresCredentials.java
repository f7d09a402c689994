package dev.polystore.platform.postgres;

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The user and password each new connection logs in with. A password file is read again for every
 * new connection, so a rotated secret (Secrets Manager writing the file, or a mounted secret) takes
 * effect without a restart; connections already open stay logged in.
 */
public final class PostgresCredentials implements HikariCredentialsProvider {
  public static final String USER = "POSTGRES_USER";
  public static final String PASSWORD = "POSTGRES_PASSWORD";
  public static final String PASSWORD_FILE = "POSTGRES_PASSWORD_FILE";

  private final String user;
  private final String password;
  private final Path passwordFile;

  private PostgresCredentials(String user, String password, Path passwordFile) {
    this.user = user;
    this.password = password;
    this.passwordFile = passwordFile;
  }

  /** The endpoint's own user and password, as its URL gave them. */
  static PostgresCredentials of(PostgresEndpoint endpoint) {
    return new PostgresCredentials(endpoint.user(), endpoint.password(), null);
  }

  /**
   * The credentials {@link #USER}, {@link #PASSWORD} or {@link #PASSWORD_FILE} set, which take
   * the place of those in the URLs (no escaping needed: a password may hold {@code + # ? % @ :}),
   * or empty when none is set.
   */
  static Optional<PostgresCredentials> fromEnv(Env env, PostgresEndpoint writer) {
    if (!env.has(USER) && !env.has(PASSWORD) && !env.has(PASSWORD_FILE)) {
      return Optional.empty();
    }
    if (env.has(PASSWORD) && env.has(PASSWORD_FILE)) {
      throw new ConfigException(PASSWORD_FILE, "and " + PASSWORD + " are both set; set one");
    }
    String user = env.optional(USER).orElse(writer.user());
    Path file = env.optional(PASSWORD_FILE).map(Path::of).orElse(null);
    PostgresCredentials credentials = new PostgresCredentials(user,
        env.optional(PASSWORD).orElse(file == null ? writer.password() : null), file);
    if (file != null && !Files.isReadable(file)) {
      throw new ConfigException(PASSWORD_FILE, "names no readable file: " + file);
    }
    return Optional.of(credentials);
  }

  public String user() {
    return user;
  }

  /** The password now: the file's content, but for a final line break, when a file is set. */
  public String password() {
    if (passwordFile == null) {
      return password;
    }
    try {
      String content = Files.readString(passwordFile);
      return content.endsWith("\n") ? content.substring(0, content.length() - 1).replaceFirst("\r$", "") : content;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + PASSWORD_FILE + " " + passwordFile, e);
    }
  }

  @Override
  public Credentials getCredentials() {
    return new Credentials(user, password());
  }
}
