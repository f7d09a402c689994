package dev.polystore.platform.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A service's migrations from the class path, {@code cql/<service>/V<n>__<description>.cql}, in a
 * folder (tests, IDE) or a jar (also nested in the gateway's Spring Boot jar, whose class loader
 * serves it as a JarURLConnection). Other files there (migrations.sum) are not migrations; a .cql
 * file with a malformed name or a repeated version is an error, not something to skip.
 */
final class CqlMigrationFiles {
  private CqlMigrationFiles() {}

  static List<CqlMigration> load(ClassLoader loader, String service) {
    String folder = "cql/" + service + "/";
    Map<String, byte[]> files = new HashMap<>();
    try {
      Enumeration<URL> roots = loader.getResources(folder);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if ("file".equals(root.getProtocol())) {
          readFolder(Path.of(root.toURI()), files);
        } else if ("jar".equals(root.getProtocol())) {
          readJar((JarURLConnection) root.openConnection(), folder, files);
        } else {
          throw new MigrationException("cannot list migrations at " + root);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migrations from " + folder, e);
    } catch (URISyntaxException e) {
      throw new MigrationException("cannot list migrations at " + folder + ": " + e.getMessage());
    }
    return migrations(folder, files);
  }

  private static List<CqlMigration> migrations(String folder, Map<String, byte[]> files) {
    List<CqlMigration> migrations = new ArrayList<>();
    Map<Integer, String> versions = new HashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!file.getKey().endsWith(".cql")) {
        continue;
      }
      CqlMigration migration = CqlMigration.of(file.getKey(), file.getValue()).orElseThrow(() ->
          new MigrationException(folder + file.getKey() + " is not named V<n>__<description>.cql"));
      String other = versions.putIfAbsent(migration.version(), migration.fileName());
      if (other != null) {
        throw new MigrationException(folder + " has two migrations of version " + migration.version() + ": "
            + other + " and " + migration.fileName());
      }
      migrations.add(migration);
    }
    migrations.sort(Comparator.comparingInt(CqlMigration::version));
    return migrations;
  }

  private static void readFolder(Path folder, Map<String, byte[]> files) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path file : entries.filter(Files::isRegularFile).toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
  }

  private static void readJar(JarURLConnection connection, String folder, Map<String, byte[]> files)
      throws IOException {
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!entry.isDirectory() && name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
          try (InputStream in = jar.getInputStream(entry)) {
            files.put(name.substring(folder.length()), in.readAllBytes());
          }
        }
      }
    }
  }
}
