package dev.polystore.files.domain;

import java.util.ArrayList;
import java.util.List;

/** How a file of a given size is cut into parts: equal parts of {@code partSize}, the last one shorter. */
public final class PartPlan {
  private PartPlan() {}

  /** The sizes of the parts, part 1 first. */
  public static List<Long> sizes(long fileSize, long partSize) {
    List<Long> sizes = new ArrayList<>();
    for (long offset = 0; offset < fileSize; offset += partSize) {
      sizes.add(Math.min(partSize, fileSize - offset));
    }
    return sizes;
  }
}
