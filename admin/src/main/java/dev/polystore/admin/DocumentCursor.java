package dev.polystore.admin;

import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorStore;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Every document of one namespace, in id order, fetched a page at a time ({@link VectorStore#documents}). */
final class DocumentCursor implements Iterator<VectorDocument> {
  static final int DEFAULT_PAGE = 500;

  private final VectorStore store;
  private final String namespace;
  private final int pageSize;
  private List<VectorDocument> page = List.of();
  private int next;
  private boolean lastPage;
  private String lastId;

  DocumentCursor(VectorStore store, String namespace, int pageSize) {
    this.store = store;
    this.namespace = namespace;
    this.pageSize = pageSize;
  }

  /** The next page, whole; empty at the end. */
  List<VectorDocument> nextPage() {
    if (next < page.size()) {
      List<VectorDocument> rest = page.subList(next, page.size());
      next = page.size();
      return rest;
    }
    if (lastPage) {
      return List.of();
    }
    page = store.documents(namespace, lastId, pageSize);
    lastPage = page.size() < pageSize;
    next = page.size();
    if (!page.isEmpty()) {
      lastId = page.get(page.size() - 1).id();
    }
    return page;
  }

  @Override
  public boolean hasNext() {
    if (next < page.size()) {
      return true;
    }
    if (lastPage) {
      return false;
    }
    List<VectorDocument> fetched = nextPage();
    page = fetched;
    next = 0;
    return !fetched.isEmpty();
  }

  @Override
  public VectorDocument next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.get(next++);
  }
}
