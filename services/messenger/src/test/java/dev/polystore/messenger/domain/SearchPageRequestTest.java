package dev.polystore.messenger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.Page;
import dev.polystore.platform.paging.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchPageRequestTest {
  private static final UUID WORKSPACE = UUID.randomUUID();
  private static final String SCOPE = MessageSearch.scope(WORKSPACE, Optional.empty(), "deploy");

  @Test
  void aNextPageResumesAfterTheLastHitToTheExactRank() {
    float oddRank = 0.0607927f;
    List<SearchHit> hits = List.of(hit(0.9f), hit(oddRank), hit(0.01f));

    Page<SearchHit> page = SearchPageRequest.of(SCOPE, 2, "").page(hits);

    assertEquals(hits.subList(0, 2), page.items());
    assertEquals(Optional.of(new SearchCursor(oddRank, hits.get(1).message().id())),
        SearchPageRequest.of(SCOPE, 2, page.nextPageToken()).after());
  }

  @Test
  void theLastPageHasNoToken() {
    assertEquals("", SearchPageRequest.of(SCOPE, 2, "").page(List.of(hit(0.5f))).nextPageToken());
  }

  @Test
  void aTokenBelongsToOneSearch() {
    String token = SearchPageRequest.of(SCOPE, 1, "").page(List.of(hit(0.5f), hit(0.4f))).nextPageToken();

    assertInvalidToken(() -> SearchPageRequest.of(MessageSearch.scope(WORKSPACE, Optional.empty(), "Deploy"), 1, token));
    assertInvalidToken(() -> SearchPageRequest.of(
        MessageSearch.scope(WORKSPACE, Optional.of(UUID.randomUUID()), "deploy"), 1, token));
    assertInvalidToken(() -> SearchPageRequest.of(MessageSearch.scope(UUID.randomUUID(), Optional.empty(), "deploy"),
        1, token));
  }

  @Test
  void refusesTokensItDidNotMake() {
    assertInvalidToken(() -> SearchPageRequest.of(SCOPE, 1, "not a token!"));
    assertInvalidToken(() -> SearchPageRequest.of(SCOPE, 1, PageToken.encode(SCOPE, "NaN", UUID.randomUUID().toString())));
    assertInvalidToken(() -> SearchPageRequest.of(SCOPE, 1, PageToken.encode(SCOPE, "0.5", "someone")));
  }

  @Test
  void theScopeHidesTheQueryButTellsSearchesApart() {
    String long1 = MessageSearch.scope(WORKSPACE, Optional.empty(), "q".repeat(256));
    String long2 = MessageSearch.scope(WORKSPACE, Optional.empty(), "q".repeat(255));

    assertNotEquals(long1, long2);
    assertEquals(long1.length(), long2.length());
  }

  private static void assertInvalidToken(Runnable parse) {
    ServiceException e = assertThrows(ServiceException.class, parse::run);
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals("page_token", e.violations().get(0).field());
  }

  private static SearchHit hit(float rank) {
    return new SearchHit(new Message(UUID.randomUUID(), UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), "key",
        "deploy", Instant.EPOCH, Optional.empty(), Optional.empty(), 1), rank);
  }
}
