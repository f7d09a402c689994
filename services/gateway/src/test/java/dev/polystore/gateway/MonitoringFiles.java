package dev.polystore.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules and the Grafana dashboard kept in docs/monitoring, read as Prometheus and
 * Grafana read them: the rules as YAML, the dashboard as JSON, and the PromQL in both.
 */
final class MonitoringFiles {
  static final Path DIRECTORY = Path.of("..", "..", "docs", "monitoring");
  static final Path ALERTS = DIRECTORY.resolve("alerts.yml");
  static final Path DASHBOARD = DIRECTORY.resolve("dashboard.json");

  /** Metric names our own code and libraries export: the prefixes the files are checked for. */
  private static final Pattern METRIC = Pattern.compile(
      "\\b((?:grpc_server|polystore|hikaricp|executor|db_client|lettuce|cassandra|aws_sdk|vector)_[a-z_]+)\\b");

  private MonitoringFiles() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> alertRules() throws IOException {
    Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return rules;
  }

  static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(Files.readString(DASHBOARD));
  }

  /** Every PromQL expression of both files. */
  static List<String> expressions() throws IOException {
    List<String> out = new ArrayList<>();
    alertRules().forEach(rule -> out.add((String) rule.get("expr")));
    dashboard().get("panels").forEach(panel -> panel.path("targets").forEach(target -> out.add(target.get("expr").asText())));
    return out;
  }

  /** The metric names the expressions read. */
  static Set<String> metricNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String expression : expressions()) {
      Matcher matcher = METRIC.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
