package dev.polystore.search.domain;

/** Small facts about vectors that the rules need. */
final class Vectors {
  private Vectors() {}

  /** Cosine similarity is undefined for a zero vector, so neither backend can rank one. */
  static boolean isZero(float[] vector) {
    for (float component : vector) {
      if (component != 0f) {
        return false;
      }
    }
    return true;
  }
}
