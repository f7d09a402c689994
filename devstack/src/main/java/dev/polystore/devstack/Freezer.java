package dev.polystore.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a server process and everything it started with SIGSTOP, and thaws it with SIGCONT: the
 * engine hangs with its sockets open, as under a long GC pause, a stalled disk or a frozen VM,
 * which no stop and start shows. Java sends no signal but SIGTERM and SIGKILL, so kill(1) does.
 */
final class Freezer {

    private Freezer() {
    }

    /** SIGSTOP to the process, then to its descendants (it cannot start new ones meanwhile). */
    static void freeze(ProcessHandle root) {
        List<Long> pids = new ArrayList<>();
        pids.add(root.pid());
        kill("STOP", pids);
        kill("STOP", descendants(root));
    }

    /** SIGCONT to the descendants, then to the process. */
    static void thaw(ProcessHandle root) {
        List<Long> descendants = descendants(root);
        if (!descendants.isEmpty()) {
            kill("CONT", descendants);
        }
        kill("CONT", List.of(root.pid()));
    }

    private static List<Long> descendants(ProcessHandle root) {
        return root.descendants().map(ProcessHandle::pid).toList();
    }

    private static void kill(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }
}
