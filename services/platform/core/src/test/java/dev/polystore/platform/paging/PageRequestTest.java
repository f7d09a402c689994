package dev.polystore.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.errors.ServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageRequestTest {
  private static final String SCOPE = "members/" + UUID.randomUUID();

  @Test
  void sizeZeroMeansFifty() {
    assertEquals(50, PageRequest.of(SCOPE, 0, "").size());
    assertEquals(7, PageRequest.of(SCOPE, 7, "").size());
    assertEquals(8, PageRequest.of(SCOPE, 7, "").fetchSize());
  }

  @Test
  void anEmptyTokenIsTheFirstPage() {
    assertEquals(Optional.empty(), PageRequest.of(SCOPE, 10, "").after());
  }

  @Test
  void aNextPageTokenResumesAfterTheLastRowToTheMicrosecond() {
    KeysetCursor last = new KeysetCursor(Instant.parse("2026-01-02T03:04:05.123456Z"), UUID.randomUUID());
    List<KeysetCursor> rows = List.of(new KeysetCursor(Instant.EPOCH, UUID.randomUUID()), last,
        new KeysetCursor(Instant.MAX, UUID.randomUUID()));

    Page<KeysetCursor> page = Page.of(PageRequest.of(SCOPE, 2, ""), rows, row -> row);

    assertEquals(rows.subList(0, 2), page.items());
    assertEquals(Optional.of(last), PageRequest.of(SCOPE, 2, page.nextPageToken()).after());
  }

  @Test
  void theLastPageHasNoToken() {
    List<KeysetCursor> rows = List.of(new KeysetCursor(Instant.EPOCH, UUID.randomUUID()));

    assertEquals("", Page.of(PageRequest.of(SCOPE, 1, ""), rows, row -> row).nextPageToken());
  }

  @Test
  void refusesATokenOfAnotherList() {
    KeysetCursor last = new KeysetCursor(Instant.EPOCH, UUID.randomUUID());
    List<KeysetCursor> rows = List.of(last, last);
    String token = Page.of(PageRequest.of(SCOPE, 1, ""), rows, row -> row).nextPageToken();
    assertTrue(!token.isEmpty());

    assertInvalidToken(() -> PageRequest.of("members/" + UUID.randomUUID(), 1, token));
  }

  @Test
  void refusesTokensItDidNotMake() {
    assertInvalidToken(() -> PageRequest.of(SCOPE, 1, "not a token!"));
    assertInvalidToken(() -> PageRequest.of(SCOPE, 1, "bm90IGEgdG9rZW4"));
    assertInvalidToken(() -> PageRequest.of(SCOPE, 1,
        dev.polystore.platform.paging.PageToken.encode(SCOPE, "yesterday", "someone")));
  }

  @Test
  void refusesSizesOutsideTheContract() {
    ServiceException e = assertThrows(ServiceException.class, () -> PageRequest.of(SCOPE, 101, ""));
    assertEquals("page_size", e.violations().get(0).field());
  }

  private static void assertInvalidToken(Runnable parse) {
    ServiceException e = assertThrows(ServiceException.class, parse::run);
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals("page_token", e.violations().get(0).field());
  }
}
