package dev.polystore.admin;

import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.VectorDocument;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;

/** How two documents of the same id differ (vector bit for bit, text, each attribute with its type), if they do. */
final class DocumentDifference {
  private DocumentDifference() {}

  static Optional<String> between(VectorDocument a, VectorDocument b) {
    if (!Arrays.equals(a.vector(), b.vector())) {
      if (a.vector().length != b.vector().length) {
        return Optional.of("vectors of " + a.vector().length + " and " + b.vector().length + " dimensions");
      }
      int i = 0;
      while (Float.compare(a.vector()[i], b.vector()[i]) == 0) {
        i++;
      }
      return Optional.of("vector component " + i + " is " + a.vector()[i] + " and " + b.vector()[i]);
    }
    if (!a.text().equals(b.text())) {
      return Optional.of("text is '" + clip(a.text()) + "' and '" + clip(b.text()) + "'");
    }
    TreeSet<String> names = new TreeSet<>(a.attributes().keySet());
    names.addAll(b.attributes().keySet());
    for (String name : names) {
      AttributeValue left = a.attributes().get(name);
      AttributeValue right = b.attributes().get(name);
      if (left == null || !left.equals(right)) {
        return Optional.of("attribute " + name + " is " + show(left) + " and " + show(right));
      }
    }
    return Optional.empty();
  }

  private static String show(AttributeValue value) {
    return value == null ? "absent" : value.type() + " " + value.value();
  }

  private static String clip(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
