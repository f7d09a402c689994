package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link BestEstimates}: at least the wanted number, never a worse estimate kept over a better one, only accepted ordinals. */
class BestEstimatesTest {
  private static final float[] ESTIMATES = new float[10_000];

  static {
    Random random = new Random(4);
    for (int i = 0; i < ESTIMATES.length; i++) {
      ESTIMATES[i] = (float) random.nextGaussian();
    }
  }

  @Test
  void keepsAtLeastTheWantedBestInOrdinalOrder() {
    int[] kept = BestEstimates.of(ESTIMATES, null, 100);
    assertTrue(kept.length >= 100 && kept.length < 150, "kept " + kept.length);
    assertArrayEquals(IntStream.of(kept).sorted().toArray(), kept);
    assertNoBetterLeftOut(kept, ord -> true);
  }

  @Test
  void keepsOnlyAcceptedOrdinals() {
    IntPredicate even = ord -> ord % 2 == 0;
    int[] kept = BestEstimates.of(ESTIMATES, even, 100);
    assertTrue(kept.length >= 100, "kept " + kept.length);
    assertTrue(IntStream.of(kept).allMatch(even), "an ordinal the filter refused");
    assertNoBetterLeftOut(kept, even);
  }

  @Test
  void keepsEveryAcceptedOneWhenFewerThanWantedAndNoneWhenNoneIs() {
    assertEquals(5, BestEstimates.of(ESTIMATES, ord -> ord < 5, 100).length);
    assertEquals(0, BestEstimates.of(ESTIMATES, ord -> false, 100).length);
    assertEquals(3, BestEstimates.of(new float[] {1, 1, 1}, null, 2).length, "equal estimates are all kept");
  }

  private static void assertNoBetterLeftOut(int[] kept, IntPredicate accepted) {
    float worstKept = (float) Arrays.stream(kept).mapToDouble(ord -> ESTIMATES[ord]).min().orElseThrow();
    long better = IntStream.range(0, ESTIMATES.length)
        .filter(ord -> accepted.test(ord) && ESTIMATES[ord] > worstKept && Arrays.binarySearch(kept, ord) < 0)
        .count();
    assertEquals(0, better, "ordinals with a better estimate than one kept were left out");
  }
}
