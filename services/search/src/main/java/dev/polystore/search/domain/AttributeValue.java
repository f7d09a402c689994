package dev.polystore.search.domain;

import java.util.Objects;

/**
 * One attribute value with its kind, as documents carry them and filters compare with them. The
 * kind travels with the value so that the rules can compare kinds without looking at values.
 *
 * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}, as {@code kind} says
 */
public record AttributeValue(AttributeKind kind, Object value) {
  public AttributeValue {
    Objects.requireNonNull(kind, "kind");
    Class<?> expected = switch (kind) {
      case STRING -> String.class;
      case INT -> Long.class;
      case FLOAT -> Double.class;
      case BOOL -> Boolean.class;
    };
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(kind + " attribute needs a " + expected.getSimpleName() + ", got " + value);
    }
  }

  public static AttributeValue of(String value) {
    return new AttributeValue(AttributeKind.STRING, value);
  }

  public static AttributeValue of(long value) {
    return new AttributeValue(AttributeKind.INT, value);
  }

  public static AttributeValue of(double value) {
    return new AttributeValue(AttributeKind.FLOAT, value);
  }

  public static AttributeValue of(boolean value) {
    return new AttributeValue(AttributeKind.BOOL, value);
  }

  public String asString() {
    return (String) value;
  }

  public long asLong() {
    return (Long) value;
  }

  public double asDouble() {
    return (Double) value;
  }

  public boolean asBoolean() {
    return (Boolean) value;
  }
}
