package dev.polystore.platform.vector;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which {@link VectorStore#documents} walks ids and {@link VectorStore#namespaces} lists
 * names: by their UTF-8 bytes, unsigned. That is Lucene's term order, and how turbopuffer orders
 * string ids; {@link String#compareTo} (UTF-16 units) differs from it past U+FFFF.
 */
public final class IdOrder {
  public static final Comparator<String> ORDER = (a, b) ->
      Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private IdOrder() {}
}
