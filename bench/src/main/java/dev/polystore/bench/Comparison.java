package dev.polystore.bench;

import java.util.Locale;

/** The gateway and the store's own driver, same operation, same clients, same run. */
public record Comparison(String operation, Measurement gateway, Measurement direct) {

  /** Gateway throughput as a fraction of direct throughput. */
  public double ratio() {
    return gateway.throughput() / direct.throughput();
  }

  public String markdownRow() {
    return String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %.2f |",
        operation, gateway.clients(), gateway.throughput(), gateway.p50Millis(), gateway.p99Millis(),
        direct.throughput(), direct.p50Millis(), direct.p99Millis(), ratio());
  }

  public static String markdownHeader() {
    return "| operation | clients | gateway ops/s | gateway p50 / p99 ms | direct ops/s | direct p50 / p99 ms | ratio |\n"
        + "|---|---:|---:|---:|---:|---:|---:|";
  }
}
