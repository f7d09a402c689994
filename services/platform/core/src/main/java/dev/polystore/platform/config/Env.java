package dev.polystore.platform.config;

import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated reads of environment variables (twelve-factor). Every failure is a
 * {@link ConfigException} naming the variable, so start-up stops with one clear line.
 */
public final class Env {
  private final Map<String, String> values;

  public Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigException(name, "is required but not set"));
  }

  public String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(name, "must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number, was '" + raw.get() + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    switch (raw.get().toLowerCase()) {
      case "true": return true;
      case "false": return false;
      default: throw new ConfigException(name, "must be true or false, was '" + raw.get() + "'");
    }
  }

  public boolean has(String name) {
    return optional(name).isPresent();
  }
}
