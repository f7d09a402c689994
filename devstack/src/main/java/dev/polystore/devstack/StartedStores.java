package dev.polystore.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stores this JVM has started, in start order; one shutdown hook closes them, the last started first. */
final class StartedStores {

    private static final Logger LOG = LoggerFactory.getLogger(StartedStores.class);

    private final List<LocalStore> stores = new ArrayList<>();
    private boolean shutdownHookAdded;

    synchronized void add(LocalStore store) {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "devstack-shutdown"));
            shutdownHookAdded = true;
        }
        stores.add(store);
    }

    /** Every started store's variables, sorted by name so that printed lists are stable. */
    synchronized SortedMap<String, String> env() {
        SortedMap<String, String> env = new TreeMap<>();
        stores.forEach(store -> env.putAll(store.env()));
        return Collections.unmodifiableSortedMap(env);
    }

    private synchronized void closeAll() {
        for (int i = stores.size() - 1; i >= 0; i--) {
            try {
                stores.get(i).close();
            } catch (RuntimeException e) {
                // One store failing to stop must not leave the others running.
                LOG.warn("could not stop {}", stores.get(i), e);
            }
        }
        stores.clear();
    }
}
