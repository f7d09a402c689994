package dev.polystore.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The main class of a devstack child JVM (the local S3): runs the real main class named by the first argument
 * with the others, and ends the JVM once its standard input closes. The parent keeps that pipe open for as long
 * as it lives, so a child never outlives a test JVM that was killed before its shutdown hook could run.
 *
 * <p>It runs on the child's class path, not devstack's: devstack copies this class file next to the child's
 * data, so it must use nothing but the JDK.
 */
final class ChildJvmMain {

    private ChildJvmMain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Thread watchdog = new Thread(ChildJvmMain::exitWhenParentGoes, "devstack-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitWhenParentGoes() {
        try (InputStream parent = System.in) {
            while (parent.read() >= 0) {
                // The parent never writes; read() returns -1 once it is gone.
            }
        } catch (IOException e) {
            // A broken pipe means the same.
        }
        System.exit(0);
    }
}
