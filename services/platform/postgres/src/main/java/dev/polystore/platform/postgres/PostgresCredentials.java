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
import java.util.function.Supplier;

/**
 * The user and password each new connection logs in with. A password file is read again for every
 * new connection, so a rotated secret (Secrets Manager writing the file, or a mounted secret) takes
 * effect without a restart; with IAM database authentication each new connection gets a fresh
 * token. Connections already open stay logged in.
 */
public final class PostgresCredentials implements HikariCredentialsProvider {
  public static final String USER = "POSTGRES_USER";
  public static final String PASSWORD = "POSTGRES_PASSWORD";
  public static final String PASSWORD_FILE = "POSTGRES_PASSWORD_FILE";

  private final String user;
  /** Asked once per new connection (HikariCP asks the provider for each). */
  private final Supplier<String> password;

  PostgresCredentials(String user, Supplier<String> password) {
    this.user = user;
    this.password = password;
  }

  /** The endpoint's own user and password, as its URL gave them. */
  static PostgresCredentials of(PostgresEndpoint endpoint) {
    String password = endpoint.password();
    return new PostgresCredentials(endpoint.user(), () -> password);
  }

  /** {@link #USER} logging in to {@code endpoint} with a new IAM token each time. */
  static PostgresCredentials iam(Env env, PostgresEndpoint endpoint, RdsIamTokens tokens) {
    String user = env.optional(USER).orElseThrow(() -> new ConfigException(USER,
        "is required with " + RdsIamTokens.IAM_AUTH + "=true (the database user granted rds_iam)"));
    if (env.has(PASSWORD) || env.has(PASSWORD_FILE)) {
      throw new ConfigException(RdsIamTokens.IAM_AUTH, "=true logs in with IAM tokens: unset " + PASSWORD + " and "
          + PASSWORD_FILE);
    }
    return new PostgresCredentials(user, () -> tokens.token(endpoint, user));
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
    Optional<Path> file = env.optional(PASSWORD_FILE).map(Path::of);
    if (file.isPresent()) {
      if (!Files.isReadable(file.get())) {
        throw new ConfigException(PASSWORD_FILE, "names no readable file: " + file.get());
      }
      return Optional.of(new PostgresCredentials(user, () -> read(file.get())));
    }
    String password = env.optional(PASSWORD).orElse(writer.password());
    return Optional.of(new PostgresCredentials(user, () -> password));
  }

  public String user() {
    return user;
  }

  /** The password now: a fixed one, the file's content, or a new IAM token. */
  public String password() {
    return password.get();
  }

  /** The file's content, but for a final line break. */
  private static String read(Path passwordFile) {
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
