package dev.polystore.devstack;

/** A local store that can be made to hang, its process alive and its connections open, and resumed. */
public interface Freezable {

    /** Suspends the engine's processes (SIGSTOP) until {@link #thaw()}. */
    void freeze();

    /** Resumes them (SIGCONT); does nothing when not frozen. */
    void thaw();
}
