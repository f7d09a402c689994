package dev.polystore.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One scrape of a gateway's Prometheus endpoint, as Prometheus would do it, with look-ups by labels. */
record MetricsScrape(List<String> lines) {
  static MetricsScrape of(int managementPort) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("scrape answered " + response.statusCode() + ": " + response.body());
    }
    // Kept for reading after a failed assertion: which series there were, with which labels.
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "last-metrics-scrape.txt"), response.body());
    return new MetricsScrape(response.body().lines().filter(line -> !line.startsWith("#")).toList());
  }

  /** The value of the series {@code name} whose labels include {@code labels}, if there is one. */
  Optional<Double> value(String name, Map<String, String> labels) {
    return lines.stream()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> labels.entrySet().stream()
            .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  /** How many series of {@code name} carry {@code labels}. */
  long count(String name, Map<String, String> labels) {
    return lines.stream()
        .filter(line -> line.startsWith(name + "{"))
        .filter(line -> labels.entrySet().stream()
            .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
        .count();
  }
}
