package dev.polystore.platform.paging;

import dev.polystore.platform.errors.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset page tokens: the sort key of the last row of a page, plus the scope of the query
 * (say, the workspace id) so a token cannot be replayed against another list. Tokens are opaque to
 * callers but not secret; they carry no authority.
 */
public final class PageToken {
  private static final char SEPARATOR = '\u001f';
  private static final String VERSION = "1";

  private PageToken() {}

  public static String encode(String scope, String... keys) {
    StringBuilder raw = new StringBuilder(VERSION).append(SEPARATOR).append(scope);
    for (String key : keys) {
      raw.append(SEPARATOR).append(key);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The keys of a token made by {@link #encode} for the same scope, or INVALID_ARGUMENT on
   * {@code field} for anything else.
   */
  public static List<String> decode(String token, String field, String scope, int keyCount) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(field);
    }
    List<String> parts = new ArrayList<>(List.of(raw.split(String.valueOf(SEPARATOR), -1)));
    if (parts.size() != keyCount + 2 || !VERSION.equals(parts.get(0)) || !scope.equals(parts.get(1))) {
      throw invalid(field);
    }
    return List.copyOf(parts.subList(2, parts.size()));
  }

  private static ServiceException invalid(String field) {
    return ServiceException.invalid(field, "page_token.valid",
        "is not a token returned by this list for the same request");
  }
}
