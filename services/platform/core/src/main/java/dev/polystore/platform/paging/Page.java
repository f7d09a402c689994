package dev.polystore.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param nextPageToken empty on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page made of rows fetched with {@link PageRequest#fetchSize()}: the extra row, when there, is
   * dropped and only says that a next page exists.
   */
  public static <T> Page<T> of(PageRequest request, List<T> fetched, Function<T, KeysetCursor> cursorOf) {
    if (fetched.size() <= request.size()) {
      return new Page<>(fetched, "");
    }
    List<T> items = fetched.subList(0, request.size());
    return new Page<>(items, request.tokenAfter(cursorOf.apply(items.get(items.size() - 1))));
  }
}
