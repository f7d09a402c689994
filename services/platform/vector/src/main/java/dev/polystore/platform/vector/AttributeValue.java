package dev.polystore.platform.vector;

import java.util.Objects;

/**
 * One attribute value with its type.
 *
 * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}, as {@code type} says
 */
public record AttributeValue(AttributeType type, Object value) {
  public AttributeValue {
    Objects.requireNonNull(type, "type");
    Class<?> expected = switch (type) {
      case STRING -> String.class;
      case INT -> Long.class;
      case FLOAT -> Double.class;
      case BOOL -> Boolean.class;
    };
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(type + " attribute needs a " + expected.getSimpleName() + ", got " + value);
    }
  }

  public static AttributeValue of(String value) {
    return new AttributeValue(AttributeType.STRING, value);
  }

  public static AttributeValue of(long value) {
    return new AttributeValue(AttributeType.INT, value);
  }

  public static AttributeValue of(double value) {
    return new AttributeValue(AttributeType.FLOAT, value);
  }

  public static AttributeValue of(boolean value) {
    return new AttributeValue(AttributeType.BOOL, value);
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
