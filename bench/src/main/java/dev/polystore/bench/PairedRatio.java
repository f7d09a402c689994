package dev.polystore.bench;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The ratio of state A's throughput to state B's, one per round of adjacent slices, with the 95%
 * interval of their mean (Student's t over the rounds). Why per round: one run's summed ratio
 * moved by up to 0.07 with both states the same (docs/benchmarks.md, observability), and a single
 * number cannot say whether 0.93 and 0.95 differ; the spread of the rounds can.
 */
public record PairedRatio(double mean, double low, double high, int rounds) {
  /** From each round's ratio of A's calls per second to B's. */
  public static PairedRatio of(List<Double> ratios) {
    if (ratios.size() < 2) {
      throw new IllegalArgumentException("an interval needs at least 2 rounds, got " + ratios.size());
    }
    SummaryStatistics stats = new SummaryStatistics();
    ratios.forEach(stats::addValue);
    double t = new TDistribution(ratios.size() - 1).inverseCumulativeProbability(0.975);
    double half = t * stats.getStandardDeviation() / Math.sqrt(ratios.size());
    return new PairedRatio(stats.getMean(), stats.getMean() - half, stats.getMean() + half, ratios.size());
  }

  @Override
  public String toString() {
    return String.format("%.3f (95%% interval %.3f-%.3f, %d rounds)", mean, low, high, rounds);
  }
}
