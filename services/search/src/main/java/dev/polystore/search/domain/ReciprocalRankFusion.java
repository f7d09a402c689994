package dev.polystore.search.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses rankings by reciprocal rank fusion: a document scores the sum of 1 / (k + rank) over the
 * rankings it appears in (rank from 1). Ranks, not raw scores, are fused, because BM25 scores and
 * cosine similarities have different scales. k = 60 is the value of the original paper.
 */
final class ReciprocalRankFusion {
  static final int K = 60;

  private ReciprocalRankFusion() {}

  static List<ScoredHit> fuse(List<List<ScoredHit>> rankings, int topK) {
    Map<String, ScoredHit> documents = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<ScoredHit> ranking : rankings) {
      for (int rank = 0; rank < ranking.size(); rank++) {
        ScoredHit hit = ranking.get(rank);
        documents.putIfAbsent(hit.id(), hit);
        scores.merge(hit.id(), 1.0 / (K + rank + 1), Double::sum);
      }
    }
    List<ScoredHit> fused = new ArrayList<>();
    scores.forEach((id, score) -> {
      ScoredHit hit = documents.get(id);
      fused.add(new ScoredHit(id, score, hit.text(), hit.attributes()));
    });
    // Ties keep first-seen order (the sort is stable), so the first ranking breaks them.
    fused.sort(Comparator.comparingDouble(ScoredHit::score).reversed());
    return fused.size() > topK ? fused.subList(0, topK) : fused;
  }
}
