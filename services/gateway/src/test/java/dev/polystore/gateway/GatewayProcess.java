package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A launcher jar run as a user runs it: {@code java -jar <module>/target/<name>-exec.jar} (or a script
 * that runs it) in a child process with exactly the environment given (none of the test JVM's), its
 * output kept in files.
 */
public final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private GatewayProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** This module's runnable jar; failsafe runs after {@code package}, so it is there. */
  public static Path execJar(String finalName) {
    Path jar = Path.of("target", finalName + "-exec.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: run the integration tests through Maven (verify), which packages it first");
    }
    return jar;
  }

  /** Starts {@code jar} in {@code directory} (also where its output files go) with {@code environment} only. */
  public static GatewayProcess start(Path jar, Path directory, Map<String, String> environment, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return startCommand(List.of(java, "-jar", jar.toString()), directory, environment, args);
  }

  /** Starts {@code launcher} (a command that runs a launcher jar, e.g. bin/polystore-local) as {@link #start} does. */
  public static GatewayProcess startCommand(List<String> launcher, Path directory, Map<String, String> environment,
      String... args) {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(args));
    Path logs = directory.resolveSibling(directory.getFileName() + "-logs");
    try {
      Files.createDirectories(directory);
      Files.createDirectories(logs);
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectOutput(logs.resolve("stdout.log").toFile()).redirectError(logs.resolve("stderr.log").toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      // Tests run side by side: the management port is one the system picks unless a test names one.
      builder.environment().putIfAbsent("POLYSTORE_MANAGEMENT_PORT", "0");
      return new GatewayProcess(builder.start(), logs.resolve("stdout.log"), logs.resolve("stderr.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Process process() {
    return process;
  }

  /** The exit code, failing the test (and killing the process) when it runs past {@code limit}. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      fail("the process still ran after " + limit + "; stdout: " + stdout() + "\nstderr: " + stderrLines());
    }
    return process.exitValue();
  }

  public String stdout() {
    return read(stdout);
  }

  public List<String> stderrLines() {
    return read(stderr).lines().toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
