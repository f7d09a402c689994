package dev.polystore.admin;

import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The search service's namespaces (prefix + workspace id) on the backend {@code VECTOR_BACKEND}
 * names: one gzip of JSON lines ({@link DocumentLines}) per namespace, walked in id order. A walk is
 * not a snapshot: a document written during it may or may not be in it. The manifest says "vector",
 * so an export of one backend imports into the other.
 */
public final class VectorDump implements DumpedStore {
  /** Vector namespaces have no migrations; the manifest records this instead. */
  static final String NO_SCHEMA = "none";

  private final VectorStore store;
  private final String prefix;
  private final PrintStream out;

  public VectorDump(VectorStore store, String prefix, PrintStream out) {
    this.store = store;
    this.prefix = prefix;
    this.out = out;
  }

  @Override
  public String kind() {
    return "vector";
  }

  @Override
  public Snapshot export(Path workDirectory, TableSink sink) {
    Instant began = Instant.now();
    for (String namespace : store.namespaces(prefix)) {
      Path file = workDirectory.resolve(namespace + ".documents.gz");
      Progress progress = new Progress(out, "search." + namespace + " export", "documents",
          store.approximateCount(namespace));
      try (BufferedWriter writer = GzipText.writer(file)) {
        DocumentCursor cursor = new DocumentCursor(store, namespace, DocumentCursor.DEFAULT_PAGE);
        for (List<VectorDocument> page = cursor.nextPage(); !page.isEmpty(); page = cursor.nextPage()) {
          for (VectorDocument document : page) {
            writer.write(DocumentLines.encode(document));
            writer.newLine();
          }
          progress.add(page.size());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sink.accept(namespace, file, progress.finish());
    }
    return new Snapshot(NO_SCHEMA, began);
  }

  /** Refuses before writing anything when a namespace already has documents, unless {@code replace} (then it is deleted first). */
  @Override
  public void load(Manifest manifest, List<Path> files, boolean replace) {
    if (!replace) {
      for (Manifest.Entry entry : manifest.tables()) {
        if (!store.documents(entry.table(), null, 1).isEmpty()) {
          throw new AdminFailure("search: namespace " + entry.table() + " is not empty; import into empty namespaces,"
              + " or pass --replace to delete it first");
        }
      }
    }
    for (int i = 0; i < files.size(); i++) {
      Manifest.Entry entry = manifest.tables().get(i);
      if (replace) {
        store.deleteNamespace(entry.table());
      }
      long documents = loadNamespace(entry.table(), files.get(i));
      if (documents != entry.rows()) {
        throw new AdminFailure("search." + entry.table() + ": loaded " + documents + " documents, the manifest says "
            + entry.rows());
      }
    }
  }

  private long loadNamespace(String namespace, Path file) {
    Progress progress = new Progress(out, "search." + namespace + " import", "documents", -1);
    try (BufferedReader reader = GzipText.reader(file)) {
      List<VectorDocument> batch = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        batch.add(DocumentLines.decode(line));
        if (batch.size() == DocumentCursor.DEFAULT_PAGE) {
          store.write(namespace, WriteBatch.upsert(batch));
          progress.add(batch.size());
          batch = new ArrayList<>();
        }
      }
      if (!batch.isEmpty()) {
        store.write(namespace, WriteBatch.upsert(batch));
        progress.add(batch.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return progress.finish();
  }

  @Override
  public void close() {
    store.close();
  }
}
