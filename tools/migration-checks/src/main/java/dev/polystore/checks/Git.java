package dev.polystore.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The few read-only git commands the base-ref check needs, run with {@code git -C <repo>}. */
public final class Git {

    private final Path repo;

    public Git(Path repo) {
        this.repo = repo;
    }

    /** The commit a ref names, or throws when it names none. */
    public String resolveCommit(String ref) {
        return new String(run("rev-parse", "--verify", "--quiet", ref + "^{commit}"), StandardCharsets.UTF_8).trim();
    }

    /** Every file path under {@code folder} at {@code commit}, repo-relative with forward slashes. */
    public List<String> listFiles(String commit, String folder) {
        byte[] out = run("ls-tree", "-r", "-z", "--name-only", commit, "--", folder);
        List<String> paths = new ArrayList<>();
        for (String path : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** A file's bytes at {@code commit}. */
    public byte[] read(String commit, String path) {
        return run("cat-file", "blob", commit + ":" + path);
    }

    private byte[] run(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // stderr is drained on its own thread so that a chatty git cannot block on a full pipe.
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] stdout = readAll(process.getInputStream());
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "): "
                        + new String(stderr.join(), StandardCharsets.UTF_8).trim());
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
