package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard in docs/monitoring parse, have the fields Prometheus and
 * Grafana need, and their PromQL is well-formed as far as can be told without Prometheus: brackets
 * and quotes balanced, range selectors with a duration, label matchers with a known operator.
 * (promtool is not to be had offline; GatewayMetricsIT checks the series exist.)
 */
class MonitoringFilesTest {
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern DURATION = Pattern.compile("\\d+[smhdwy]");
  private static final Pattern MATCHERS = Pattern.compile("\\{([^{}]*)\\}");
  private static final Pattern MATCHER = Pattern.compile("\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*");

  @Test
  void everyAlertRuleHasWhatPrometheusAndTheOnCallNeed() throws Exception {
    Set<String> names = new HashSet<>();
    for (Map<String, Object> rule : MonitoringFiles.alertRules()) {
      String name = (String) rule.get("alert");
      assertTrue(name != null && name.matches("[A-Za-z][A-Za-z0-9]*"), "alert name: " + rule);
      assertTrue(names.add(name), "alert names are unique: " + name);
      assertTrue(rule.get("expr") instanceof String, name + " has an expr");
      assertTrue(String.valueOf(rule.get("for")).matches("\\d+[smh]"), name + " has a 'for' duration");
      Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
      assertTrue(labels != null && Set.of("page", "ticket").contains(labels.get("severity")), name + " has a severity");
      Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
      assertTrue(annotations != null && annotations.get("summary") instanceof String, name + " has a summary");
    }
    assertFalse(names.isEmpty());
  }

  @Test
  void theDashboardIsAGrafanaDashboardOnAPrometheusDataSource() throws Exception {
    JsonNode dashboard = MonitoringFiles.dashboard();
    assertEquals("polystore", dashboard.get("uid").asText());
    assertTrue(dashboard.get("schemaVersion").isInt());
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique");
      assertFalse(panel.get("title").asText().isBlank());
      assertEquals("prometheus", panel.get("datasource").get("type").asText());
      assertTrue(panel.get("targets").size() > 0, panel.get("title") + " has a query");
      for (String key : new String[] {"x", "y", "w", "h"}) {
        assertTrue(panel.get("gridPos").get(key).isInt(), "gridPos." + key);
      }
    }
  }

  @Test
  void everyExpressionIsWellFormedPromql() throws Exception {
    for (String expression : MonitoringFiles.expressions()) {
      assertBalanced(expression);
      Matcher ranges = RANGE.matcher(expression);
      while (ranges.find()) {
        assertTrue(DURATION.matcher(ranges.group(1)).matches(), "range [" + ranges.group(1) + "] in " + expression);
      }
      Matcher selectors = MATCHERS.matcher(expression);
      while (selectors.find()) {
        for (String matcher : selectors.group(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
          assertTrue(MATCHER.matcher(matcher).matches(), "label matcher '" + matcher + "' in " + expression);
        }
      }
    }
  }

  /** (), [] and {} nest and close outside quoted strings; every string closes. */
  private static void assertBalanced(String expression) {
    Deque<Character> open = new ArrayDeque<>();
    boolean quoted = false;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
          assertFalse(open.isEmpty() || open.pop() != expected, "unbalanced '" + c + "' in " + expression);
        }
        default -> { }
      }
    }
    assertFalse(quoted, "unclosed string in " + expression);
    assertTrue(open.isEmpty(), "unclosed " + open + " in " + expression);
  }
}
