package dev.polystore.devstack;

/** The short sleep of a polling loop that waits for a local server. */
final class Pause {

    private Pause() {
    }

    static void briefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a local server", e);
        }
    }
}
