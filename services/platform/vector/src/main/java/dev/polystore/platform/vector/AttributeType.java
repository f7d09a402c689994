package dev.polystore.platform.vector;

/** The type of a document attribute. An attribute keeps one type per namespace, as turbopuffer requires. */
public enum AttributeType {
  STRING,
  INT,
  FLOAT,
  BOOL
}
