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
 * One per server; it remembers what it froze, so that a stop can thaw first (a stopped process
 * does not act on SIGTERM).
 */
final class Freezer {
    /** The process while frozen, null otherwise. */
    private ProcessHandle frozen;

    /** SIGSTOP to the process, then to its descendants (it cannot start new ones meanwhile). */
    synchronized void freeze(ProcessHandle root) {
        kill("STOP", List.of(root.pid()));
        frozen = root;
        kill("STOP", descendants(root));
    }

    /** SIGCONT to the descendants, then to the process; does nothing when not frozen. */
    synchronized void thaw() {
        if (frozen == null) {
            return;
        }
        kill("CONT", descendants(frozen));
        kill("CONT", List.of(frozen.pid()));
        frozen = null;
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
