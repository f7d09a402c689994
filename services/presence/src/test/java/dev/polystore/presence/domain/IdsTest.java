package dev.polystore.presence.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.ServiceException;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void oneSpellingPerUuid() {
    assertEquals("0b7c6f1e-2d4a-4c1b-9e3f-5a6b7c8d9e0f", Ids.uuid("user_id", "0B7C6F1E-2D4A-4C1B-9E3F-5A6B7C8D9E0F"));
  }

  @Test
  void refusesWhatIsNotAFullUuidNamingTheField() {
    for (String bad : new String[] {"", "1-2-3-4-5", "not-a-uuid", "0b7c6f1e2d4a4c1b9e3f5a6b7c8d9e0f"}) {
      ServiceException e = assertThrows(ServiceException.class, () -> Ids.uuid("room_id", bad), bad);
      assertEquals("room_id", e.violations().get(0).field());
    }
  }
}
