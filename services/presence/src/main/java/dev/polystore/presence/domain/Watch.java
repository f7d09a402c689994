package dev.polystore.presence.domain;

/** An open watch; closing it stops its messages. */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
