package dev.polystore.platform.config;

/** A missing or malformed setting. The message is one line that names the variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
