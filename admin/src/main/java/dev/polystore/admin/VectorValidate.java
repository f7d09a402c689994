package dev.polystore.admin;

import dev.polystore.platform.vector.IdOrder;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code vector validate --from A --to B [--namespace-prefix P] [--sample-every N]}: the same
 * namespaces on both sides, and in each the same count and the same ids (both walked in id order
 * side by side), and every N-th document (default 10; 1 for all) equal in vector, text and
 * attributes. Each namespace's first difference is printed; any difference fails the command.
 */
public final class VectorValidate {
  static final int DEFAULT_SAMPLE_EVERY = 10;

  private VectorValidate() {}

  public static void run(AdminArgs args, Map<String, String> env, PrintStream out) {
    int sampleEvery = sampleEvery(args);
    VectorPair pair = VectorPair.open(args, env);
    try (VectorStore from = pair.from(); VectorStore to = pair.to()) {
      TreeSet<String> namespaces = new TreeSet<>(IdOrder.ORDER);
      namespaces.addAll(from.namespaces(pair.prefix()));
      namespaces.addAll(to.namespaces(pair.prefix()));
      List<String> differences = new ArrayList<>();
      for (String namespace : namespaces) {
        compare(pair, namespace, sampleEvery, out).ifPresent(difference -> {
          String line = "namespace " + namespace + " differs at " + difference;
          out.println("[vector validate] " + line);
          differences.add(line);
        });
      }
      if (!differences.isEmpty()) {
        throw new AdminFailure("vector validate: " + differences.size() + " of " + namespaces.size()
            + " namespaces differ between " + pair.fromName() + " and " + pair.toName() + "; first: " + differences.get(0));
      }
      out.printf("[vector validate] %d namespaces with prefix '%s' match between %s and %s%n", namespaces.size(),
          pair.prefix(), pair.fromName(), pair.toName());
    }
  }

  /** The first difference in one namespace ("id X: ..."), or empty. */
  private static Optional<String> compare(VectorPair pair, String namespace, int sampleEvery, PrintStream out) {
    Progress progress = new Progress(out, "vector validate " + namespace, "documents",
        pair.from().approximateCount(namespace));
    DocumentCursor left = new DocumentCursor(pair.from(), namespace, pair.pageSize());
    DocumentCursor right = new DocumentCursor(pair.to(), namespace, pair.pageSize());
    long seen = 0;
    long compared = 0;
    while (left.hasNext() || right.hasNext()) {
      if (!right.hasNext()) {
        return Optional.of("id " + left.next().id() + ": missing in " + pair.toName() + " (after " + seen + " equal ids)");
      }
      if (!left.hasNext()) {
        return Optional.of("id " + right.next().id() + ": missing in " + pair.fromName() + " (after " + seen + " equal ids)");
      }
      VectorDocument a = left.next();
      VectorDocument b = right.next();
      int order = IdOrder.ORDER.compare(a.id(), b.id());
      if (order != 0) {
        VectorDocument missing = order < 0 ? a : b;
        return Optional.of("id " + missing.id() + ": missing in " + (order < 0 ? pair.toName() : pair.fromName())
            + " (after " + seen + " equal ids)");
      }
      if (seen % sampleEvery == 0) {
        compared++;
        Optional<String> difference = DocumentDifference.between(a, b);
        if (difference.isPresent()) {
          return Optional.of("id " + a.id() + ": " + difference.get());
        }
      }
      seen++;
      progress.add(1);
    }
    progress.finish();
    out.printf("[vector validate %s] %,d documents, the same ids on both sides, %,d compared whole%n", namespace, seen,
        compared);
    return Optional.empty();
  }

  static int sampleEvery(AdminArgs args) {
    String raw = args.optional("sample-every").orElse(Integer.toString(DEFAULT_SAMPLE_EVERY));
    try {
      int every = Integer.parseInt(raw);
      if (every >= 1) {
        return every;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AdminFailure("--sample-every must be a positive number, was '" + raw + "'");
  }
}
