package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresCredentialsTest {
  private static final String URL = "postgresql://url-user:url-pass@h:1/x";

  @Test
  void aPlusInTheUrlsPasswordIsAPlus() {
    assertEquals("a+b c", PostgresEndpoint.parse("X", "postgresql://u:a+b%20c@h/x").password());
  }

  @Test
  void theVariablesTakeThePlaceOfTheUrlsCredentialsForWriterAndReader() {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, URL,
        PostgresConfig.READER_CONN, "postgresql://r:rp@reader:1/x",
        PostgresCredentials.USER, "app", PostgresCredentials.PASSWORD, "+#?%")), "accounts");
    assertEquals("app", config.writerCredentials().user());
    assertEquals("+#?%", config.writerCredentials().password());
    assertEquals("app", config.readerCredentials().user());
    assertEquals("+#?%", config.readerCredentials().password());
  }

  @Test
  void withoutTheVariablesEachUrlLogsInAsItSays() {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, URL,
        PostgresConfig.READER_CONN, "postgresql://r:rp@reader:1/x")), "accounts");
    assertEquals("url-user", config.writerCredentials().user());
    assertEquals("url-pass", config.writerCredentials().password());
    assertEquals("r", config.readerCredentials().user());
  }

  @Test
  void aPasswordAndAPasswordFileAreRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> PostgresConfig.fromEnv(new Env(Map.of(
        PostgresConfig.WRITER_CONN, URL, PostgresCredentials.PASSWORD, "a", PostgresCredentials.PASSWORD_FILE, "/f")),
        "accounts"));
    assertEquals("POSTGRES_PASSWORD_FILE: and POSTGRES_PASSWORD are both set; set one", e.getMessage());
  }

  @Test
  void aMissingPasswordFileIsRefusedAtStartUp() {
    ConfigException e = assertThrows(ConfigException.class, () -> PostgresConfig.fromEnv(new Env(Map.of(
        PostgresConfig.WRITER_CONN, URL, PostgresCredentials.PASSWORD_FILE, "/no/such/file")), "accounts"));
    assertEquals("POSTGRES_PASSWORD_FILE: names no readable file: /no/such/file", e.getMessage());
  }
}
