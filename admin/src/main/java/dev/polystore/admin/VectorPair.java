package dev.polystore.admin;

import dev.polystore.platform.vector.VectorStore;
import java.util.Map;

/** The two backends of {@code vector migrate} and {@code vector validate}, from their options. */
record VectorPair(String fromName, String toName, VectorStore from, VectorStore to, String prefix, int pageSize) {
  static VectorPair open(AdminArgs args, Map<String, String> env) {
    String from = args.required("from");
    String to = args.required("to");
    if (from.equals(to)) {
      throw new AdminFailure("--from and --to are both " + from + ": they must name the two backends");
    }
    int pageSize = pageSize(args);
    String prefix = args.optional("namespace-prefix").orElse("");
    VectorStore source = VectorBackends.open(from, env, "from");
    try {
      return new VectorPair(from, to, source, VectorBackends.open(to, env, "to"), prefix, pageSize);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  static int pageSize(AdminArgs args) {
    String raw = args.optional("page-size").orElse(Integer.toString(DocumentCursor.DEFAULT_PAGE));
    try {
      int size = Integer.parseInt(raw);
      if (size >= 1 && size <= 10_000) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AdminFailure("--page-size must be a number from 1 to 10000, was '" + raw + "'");
  }
}
