package dev.polystore.search.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
  private static ScoredHit hit(String id, double score) {
    return new ScoredHit(id, score, id + " text", Map.of());
  }

  @Test
  void documentsHighInBothRankingsWinWhateverTheirRawScores() {
    List<ScoredHit> byVector = List.of(hit("a", 0.99), hit("b", 0.98), hit("c", 0.10));
    List<ScoredHit> byText = List.of(hit("b", 42.0), hit("c", 7.0));

    List<ScoredHit> fused = ReciprocalRankFusion.fuse(List.of(byVector, byText), 10);

    assertEquals(List.of("b", "c", "a"), fused.stream().map(ScoredHit::id).toList());
    assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
    assertEquals(1.0 / 63 + 1.0 / 62, fused.get(1).score(), 1e-12);
    assertEquals("b text", fused.get(0).text());
  }

  @Test
  void topKCutsAndTiesKeepTheFirstRankingsOrder() {
    List<ScoredHit> fused = ReciprocalRankFusion.fuse(List.of(List.of(hit("x", 1)), List.of(hit("y", 1))), 1);

    assertEquals(List.of("x"), fused.stream().map(ScoredHit::id).toList());
  }
}
