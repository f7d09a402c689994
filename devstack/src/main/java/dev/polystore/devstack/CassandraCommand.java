package dev.polystore.devstack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the Cassandra child JVM. */
final class CassandraCommand {

    /** Small, as the issue asks: the node holds test data only. About 700 MB resident. */
    private static final String HEAP = "512m";

    /** From Cassandra 5.0's conf/jvm17-server.options: what its internals reach into on Java 17. */
    private static final List<String> JAVA17_MODULE_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private CassandraCommand() {
    }

    static List<String> of(Path java, CassandraNodeFiles files, int jmxPort, List<Path> classPath) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xms128m");
        command.add("-Xmx" + HEAP);
        command.add("-XX:+UseG1GC");
        command.add("-Xss512k");
        command.add("-XX:MaxDirectMemorySize=256m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Djdk.attach.allowAttachSelf=true");
        command.addAll(JAVA17_MODULE_FLAGS);
        command.add("-Dcassandra.config=" + files.config().toUri());
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra.storagedir=" + files.storage());
        command.add("-Dcassandra.logdir=" + files.directory());
        command.add("-Dlogback.configurationFile=" + files.logbackConfig());
        // Each node its own JMX port: the default 7199 would clash between test JVMs.
        command.add("-Dcassandra.jmx.local.port=" + jmxPort);
        // A single node has no one to gossip with: skip the waits meant for a ring.
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.ring_delay_ms=0");
        command.add("-Dcassandra.superuser_setup_delay_ms=0");
        // No fsync of schema changes: a test node's DDL takes milliseconds instead of a second each.
        command.add("-Dcassandra.unsafesystem=true");
        command.add("-cp");
        List<String> entries = new ArrayList<>();
        entries.add(files.launcherClasses().toString());
        classPath.forEach(jar -> entries.add(jar.toString()));
        command.add(String.join(File.pathSeparator, entries));
        command.add(CassandraLauncher.class.getName());
        return command;
    }
}
