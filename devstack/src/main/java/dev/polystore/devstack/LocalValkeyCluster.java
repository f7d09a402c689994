package dev.polystore.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real 3-node Valkey cluster on loopback (three primaries, no replicas, no persistence), standing
 * in for ElastiCache Serverless, which is always in cluster mode. The devstack assigns the 16384 slots
 * itself (CLUSTER ADDSLOTS, then CLUSTER MEET) and returns once every node reports cluster_state:ok.
 *
 * <p>It can be stopped and started again on the same ports: each node keeps its identity and slots in
 * its nodes.conf, so the cluster forms again by itself, empty. Get it from {@link Devstack#valkeyCluster()}.
 */
public final class LocalValkeyCluster implements LocalStore {

    public static final int NODES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LocalValkeyCluster.class);
    private static final int SLOTS = 16384;
    /** Valkey's cluster bus listens on the client port + 10000 (Redis 6.2 has no cluster-port setting). */
    private static final int BUS_OFFSET = 10000;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CLUSTER_ARGUMENTS = List.of(
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "5000");

    private final List<ValkeyProcess> nodes;
    private final Path directory;
    private boolean closed;

    private LocalValkeyCluster(List<ValkeyProcess> nodes, Path directory) {
        this.nodes = List.copyOf(nodes);
        this.directory = directory;
    }

    /** Starts a new cluster on free ports; logs and nodes.conf go under target/devstack. */
    static LocalValkeyCluster launch() {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < NODES) {
            int port = FreePorts.pick();
            if (!ports.contains(port) && port + BUS_OFFSET <= 65535 && isFree(port + BUS_OFFSET)) {
                ports.add(port);
            }
        }
        Path directory = Path.of("target", "devstack", "valkey-cluster-" + ports.get(0)).toAbsolutePath();
        Directories.deleteRecursively(directory);
        List<ValkeyProcess> nodes = new ArrayList<>();
        for (int port : ports) {
            nodes.add(new ValkeyProcess(port, directory.resolve("node-" + port), CLUSTER_ARGUMENTS));
        }
        LocalValkeyCluster cluster = new LocalValkeyCluster(nodes, directory);
        cluster.start();
        return cluster;
    }

    /** The nodes' client ports, in slot order: the first node owns the first third of the slots. */
    public List<Integer> ports() {
        return nodes.stream().map(ValkeyProcess::port).toList();
    }

    /** VALKEY_URL names one node; the cluster client learns the others from it. */
    public String url() {
        return "redis://" + ValkeyProcess.HOST + ":" + nodes.get(0).port();
    }

    @Override
    public Map<String, String> env() {
        return Map.of("VALKEY_URL", url(), "VALKEY_CLUSTER", "true");
    }

    /** Starts every node; the first start also forms the cluster. Returns once the cluster serves every slot. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the Valkey cluster at " + url() + " is closed");
        }
        long began = System.nanoTime();
        boolean firstStart = !Files.exists(nodes.get(0).directory().resolve("nodes.conf"));
        nodes.forEach(ValkeyProcess::start);
        if (firstStart) {
            assignSlots();
            ValkeyProcess first = nodes.get(0);
            for (ValkeyProcess other : nodes.subList(1, nodes.size())) {
                first.call("CLUSTER", "MEET", ValkeyProcess.HOST, Integer.toString(other.port()));
            }
        }
        awaitFormed();
        LOG.info("Valkey cluster of {} nodes on {} {} in {} ms", NODES, ports(), firstStart ? "formed" : "restarted",
                (System.nanoTime() - began) / 1_000_000);
    }

    /** Stops every node; ports and nodes.conf stay for {@link #start()}. */
    public synchronized void stop() {
        nodes.forEach(ValkeyProcess::stop);
        LOG.info("Valkey cluster on {} stopped", ports());
    }

    public synchronized boolean isRunning() {
        return nodes.stream().allMatch(ValkeyProcess::isRunning);
    }

    /** Keys held by the whole cluster: the sum of every node's DBSIZE. */
    public long dbSize() {
        long keys = 0;
        for (ValkeyProcess node : nodes) {
            keys += (Long) node.call("DBSIZE");
        }
        return keys;
    }

    /** Deletes every key on every node. */
    public void flushAll() {
        nodes.forEach(node -> node.call("FLUSHALL"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        Directories.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "LocalValkeyCluster" + ports();
    }

    /** Contiguous, near-equal slot ranges, one per node, as redis-cli --cluster create would assign them. */
    private void assignSlots() {
        for (int i = 0; i < NODES; i++) {
            int from = i * SLOTS / NODES;
            int to = (i + 1) * SLOTS / NODES;
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = from; slot < to; slot++) {
                command.add(Integer.toString(slot));
            }
            nodes.get(i).call(command.toArray(String[]::new));
        }
    }

    private void awaitFormed() {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        while (!isFormed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Valkey cluster on " + ports() + " did not reach cluster_state:ok within "
                        + FORM_TIMEOUT + "; node logs are in " + directory);
            }
            Pause.briefly();
        }
    }

    /** Every node knows every other node and sees every slot served. */
    private boolean isFormed() {
        for (ValkeyProcess node : nodes) {
            String info = (String) node.call("CLUSTER", "INFO");
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + NODES)
                    || !info.contains("cluster_slots_ok:" + SLOTS)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
