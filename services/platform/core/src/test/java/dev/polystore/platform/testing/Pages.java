package dev.polystore.platform.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Follows a token-paged list. */
public final class Pages {
  private Pages() {}

  /** Every page from the first to the last (at most 100), checking that no id comes twice. */
  public static <R> List<List<String>> collect(Function<String, R> list, Function<R, String> nextToken,
      Function<R, List<String>> ids) {
    List<List<String>> pages = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String token = "";
    do {
      R response = list.apply(token);
      List<String> page = ids.apply(response);
      page.forEach(id -> assertTrue(seen.add(id), () -> "repeated across pages: " + id));
      pages.add(page);
      token = nextToken.apply(response);
    } while (!token.isEmpty() && pages.size() < 100);
    return pages;
  }
}
