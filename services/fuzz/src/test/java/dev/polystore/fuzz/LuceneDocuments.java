package dev.polystore.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/** Documents per namespace of the embedded vector engine, read from its index files (the last commit). */
final class LuceneDocuments {
  private LuceneDocuments() {}

  static Map<String, String> count(Path root) throws IOException {
    Map<String, String> counts = new TreeMap<>();
    try (Stream<Path> namespaces = Files.list(root)) {
      for (Path namespace : namespaces.filter(Files::isDirectory).toList()) {
        String name = "namespace " + namespace.getFileName();
        try (FSDirectory directory = FSDirectory.open(namespace)) {
          if (!DirectoryReader.indexExists(directory)) {
            counts.put(name, "no index");
            continue;
          }
          try (DirectoryReader reader = DirectoryReader.open(directory)) {
            counts.put(name, reader.numDocs() + " documents");
          }
        }
      }
    }
    counts.put("namespaces", Integer.toString(counts.size()));
    return counts;
  }
}
