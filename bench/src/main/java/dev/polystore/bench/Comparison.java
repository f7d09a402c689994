package dev.polystore.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * The gateway and the store's own driver, same operation, same clients, same run; and, where
 * measured, the gateway's no-op call at those clients (see {@link BenchGateway#noOp}).
 */
public record Comparison(String operation, Measurement gateway, Measurement direct, Optional<Measurement> noOp) {

  public Comparison(String operation, Measurement gateway, Measurement direct) {
    this(operation, gateway, direct, Optional.empty());
  }

  /** Gateway throughput as a fraction of direct throughput. */
  public double ratio() {
    return gateway.throughput() / direct.throughput();
  }

  /**
   * The highest ratio the gateway could reach on this machine. When the clients use all the CPU, a
   * call through the gateway costs at least a no-op call (1/N of the CPU for N no-op calls a second)
   * plus the store work itself (1/D), so it cannot exceed 1/(1/N + 1/D) calls a second: N/(N+D) of
   * direct.
   */
  public Optional<Double> bound() {
    return noOp.map(n -> n.throughput() / (n.throughput() + direct.throughput()));
  }

  public String markdownRow() {
    return String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %.2f | %s | %s |",
        operation, gateway.clients(), gateway.throughput(), gateway.p50Millis(), gateway.p99Millis(),
        direct.throughput(), direct.p50Millis(), direct.p99Millis(), ratio(),
        noOp.map(n -> String.format(Locale.ROOT, "%.0f", n.throughput())).orElse("-"),
        bound().map(b -> String.format(Locale.ROOT, "%.2f", b)).orElse("-"));
  }

  public static String markdownHeader() {
    return "| operation | clients | gateway ops/s | gateway p50 / p99 ms | direct ops/s | direct p50 / p99 ms | ratio"
        + " | no-op gRPC ops/s | bound |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|";
  }
}
