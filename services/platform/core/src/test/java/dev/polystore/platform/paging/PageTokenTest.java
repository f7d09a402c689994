package dev.polystore.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.ServiceException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  @Test
  void roundTripsKeysForTheSameScope() {
    String token = PageToken.encode("ws-1", "2026-11-21T10:00:00Z", "id-9");
    assertEquals(List.of("2026-11-21T10:00:00Z", "id-9"), PageToken.decode(token, "page_token", "ws-1", 2));
  }

  @Test
  void refusesATokenOfAnotherScope() {
    String token = PageToken.encode("ws-1", "k");
    ServiceException e = assertThrows(ServiceException.class, () -> PageToken.decode(token, "page_token", "ws-2", 1));
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals("page_token", e.violations().get(0).field());
  }

  @Test
  void refusesGarbage() {
    ServiceException e = assertThrows(ServiceException.class, () -> PageToken.decode("%%%", "page_token", "s", 1));
    assertEquals("page_token", e.violations().get(0).field());
  }
}
