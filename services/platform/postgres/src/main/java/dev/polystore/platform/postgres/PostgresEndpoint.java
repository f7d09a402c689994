package dev.polystore.platform.postgres;

import dev.polystore.platform.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL server and its credentials, parsed from a connection setting such as
 * {@code postgresql://user:password@host:5432/postgres?sslmode=require} (libpq URL form; the
 * {@code jdbc:} prefix is accepted too). The database in the URL is ignored: each service always
 * connects to its own database on the server (DESIGN.md: db {@code accounts}, {@code messenger}).
 */
public record PostgresEndpoint(String host, int port, String user, String password, Map<String, String> parameters) {

  public static PostgresEndpoint parse(String variable, String value) {
    String url = value.startsWith("jdbc:") ? value.substring("jdbc:".length()) : value;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(variable, "is not a URL like postgresql://user:password@host:5432/db (" + e.getReason() + ")");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new ConfigException(variable, "must start with postgresql://, was '" + uri.getScheme() + "://'");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(variable, "has no host");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        String key = decode(kv[0]);
        String val = kv.length > 1 ? decode(kv[1]) : "";
        // Credentials may come as query parameters in JDBC URLs.
        switch (key) {
          case "user" -> user = val;
          case "password" -> password = val;
          default -> parameters.put(key, val);
        }
      }
    }
    return new PostgresEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password,
        Map.copyOf(parameters));
  }

  /** JDBC URL for {@code database} on this server, with the URL's parameters (sslmode and such). */
  public String jdbcUrl(String database) {
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
        .append('/').append(database);
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getKey().equals("options")) {
        continue; // passed as a property, with our statement_timeout (DriverProperties)
      }
      url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
      separator = '&';
    }
    return url.toString();
  }

  /** For logs: never the password. */
  public String describe(String database) {
    return user + "@" + host + ":" + port + "/" + database;
  }

  /** Percent-decoding only: in a URL's user info and query a '+' is a plus, not a space. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
