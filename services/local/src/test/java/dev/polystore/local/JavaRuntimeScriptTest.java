package dev.polystore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/java-runtime's choice of runtime, against fake Java homes (a release file and a bin/java that
 * prints how it was called), so it needs no JDK but the build's.
 */
class JavaRuntimeScriptTest {
  private static final Path SCRIPT = Path.of("..", "..", "bin", "java-runtime").toAbsolutePath().normalize();
  private static final String VECTOR_FLAGS =
      "--add-modules jdk.incubator.vector -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25";

  @TempDir
  Path temp;
  Path jvms;

  record Result(int exit, String stdout, String stderr) {}

  @BeforeEach
  void homes() throws IOException {
    jvms = temp.resolve("jvm");
    for (String version : List.of("17.0.15", "21.0.7", "25.0.3")) {
      fakeHome(jvms.resolve("jdk-" + version.substring(0, 2)), version);
    }
  }

  @Test
  void picksTheNewestJava21PlusUnderTheJvmDirectoryWithTheVectorModule() throws Exception {
    Result result = run(Map.of(), "-jar", "app.jar", "--server.port=0");
    assertEquals(new Result(0, jvms.resolve("jdk-25/bin/java") + " " + VECTOR_FLAGS + " -jar app.jar --server.port=0\n", ""),
        result);
  }

  @Test
  void prefersJavaHomeWhenItIsJava21Plus() throws Exception {
    Result result = run(Map.of("JAVA_HOME", jvms.resolve("jdk-21").toString()), "-version");
    assertEquals(new Result(0, jvms.resolve("jdk-21/bin/java") + " " + VECTOR_FLAGS + " -version\n", ""), result);
  }

  @Test
  void passesOverAJava17Home() throws Exception {
    Result result = run(Map.of("JAVA_HOME", jvms.resolve("jdk-17").toString()), "-version");
    assertEquals(jvms.resolve("jdk-25/bin/java") + " " + VECTOR_FLAGS + " -version\n", result.stdout());
  }

  @Test
  void printsTheHomeForJlink() throws Exception {
    assertEquals(new Result(0, jvms.resolve("jdk-25") + "\n", ""), run(Map.of(), "--home"));
  }

  @Test
  void withoutJava21RunsThePathJavaWithoutTheModuleAndSaysSoInOneLine() throws Exception {
    deleteHomesFrom21();
    Path pathJava = temp.resolve("path-bin/java");
    Files.createDirectories(pathJava.getParent());
    executable(pathJava, """
        #!/bin/sh
        if [ "$1" = -version ]; then echo 'openjdk version "17.0.15" 2025-04-15' >&2; exit 0; fi
        echo "java $*"
        """);
    Result result = run(Map.of("PATH", pathJava.getParent() + ":/usr/bin:/bin"), "-jar", "app.jar");
    assertEquals(new Result(0, "java -jar app.jar\n", "java-runtime: no Java 21+ found (JAVA_HOME, " + jvms
        + "): running on Java 17 from PATH, vector search runs without SIMD\n"), result);
  }

  @Test
  void homeWithoutJava21FailsNamingWhereItLooked() throws Exception {
    deleteHomesFrom21();
    assertEquals(new Result(1, "", "java-runtime: no Java 21+ found (JAVA_HOME, " + jvms + ")\n"), run(Map.of(), "--home"));
  }

  private void deleteHomesFrom21() throws IOException {
    for (String home : List.of("jdk-21", "jdk-25")) {
      try (var files = Files.walk(jvms.resolve(home))) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
      }
    }
  }

  private Result run(Map<String, String> extraEnvironment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("stderr").toFile());
    Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "POLYSTORE_JVM_DIR", jvms.toString()));
    environment.putAll(extraEnvironment);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    return new Result(exit, stdout, Files.readString(temp.resolve("stderr")));
  }

  private static void fakeHome(Path home, String version) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    executable(home.resolve("bin/java"), "#!/bin/sh\necho \"$0 $*\"\n");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
