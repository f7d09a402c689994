package dev.polystore.devstack;

import java.util.function.Supplier;

/** One store of a kind per JVM: started by the first caller of {@link #get()}, then shared by all. */
final class LazyStore<T extends LocalStore> {

    private final Supplier<T> starter;
    private final StartedStores started;
    private volatile T store;

    LazyStore(Supplier<T> starter, StartedStores started) {
        this.starter = starter;
        this.started = started;
    }

    T get() {
        T current = store;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            // A failed start leaves the slot empty, so the next caller tries again.
            if (store == null) {
                T fresh = starter.get();
                started.add(fresh);
                store = fresh;
            }
            return store;
        }
    }
}
