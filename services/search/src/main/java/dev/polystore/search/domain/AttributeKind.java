package dev.polystore.search.domain;

/**
 * The kind of a document attribute. A workspace keeps one kind per attribute (fixed by its first
 * value), so filters and new documents are checked against it.
 */
public enum AttributeKind {
  STRING,
  INT,
  FLOAT,
  BOOL
}
