package dev.polystore.devstack;

/** The processes of a local store, which can be made to hang (alive, connections open) and resumed. */
public interface Freezable {

    /** Suspends the engine's processes (SIGSTOP) until {@link #thaw()}. */
    void freeze();

    /** Resumes them (SIGCONT); does nothing when not frozen. */
    void thaw();
}
