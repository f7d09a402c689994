package dev.polystore.bench;

/**
 * One measured run.
 *
 * @param throughput operations per second
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 */
public record Measurement(String name, int clients, double throughput, double p50Millis, double p99Millis) {}
