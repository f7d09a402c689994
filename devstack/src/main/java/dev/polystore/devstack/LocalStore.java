package dev.polystore.devstack;

import java.util.Map;

/** A real engine that devstack started in this JVM: PostgreSQL now, more stores later. */
interface LocalStore extends AutoCloseable {

    /** The environment variables a service needs to use this store, as in the design's configuration table. */
    Map<String, String> env();

    /** Stops the engine for good and frees what it holds on disk. */
    @Override
    void close();
}
