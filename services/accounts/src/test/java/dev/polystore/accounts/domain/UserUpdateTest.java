package dev.polystore.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserUpdateTest {

  @Test
  void readsOnlyTheFieldsTheMaskNames() {
    UserUpdate update = UserUpdate.of(List.of("display_name"), "ignored@example.com", "Ada", "");

    assertEquals(Optional.empty(), update.email());
    assertEquals(Optional.of("Ada"), update.displayName());
    assertEquals(Optional.empty(), update.etag());
  }

  @Test
  void keepsBothFieldsAndTheEtag() {
    UserUpdate update = UserUpdate.of(List.of("email", "display_name"), "ada@example.com", "Ada", "3");

    assertEquals(Optional.of("ada@example.com"), update.email());
    assertEquals(Optional.of("Ada"), update.displayName());
    assertEquals(Optional.of("3"), update.etag());
  }

  @Test
  void refusesAnEmptyDisplayNameTheMaskNames() {
    assertEquals(List.of("display_name"), fields(() -> UserUpdate.of(List.of("display_name"), "", " ", "")));
  }

  @Test
  void requiresAnEmailTheMaskNames() {
    assertEquals(List.of("email"), fields(() -> UserUpdate.of(List.of("email"), "", "Ada", "")));
  }

  @Test
  void namesEveryBrokenField() {
    assertEquals(List.of("email", "display_name"),
        fields(() -> UserUpdate.of(List.of("email", "display_name"), "", "", "")));
  }

  @Test
  void refusesAnEmptyMaskAndUnknownPaths() {
    assertEquals(List.of("update_mask"), fields(() -> UserUpdate.of(List.of(), "a@example.com", "Ada", "")));
    assertEquals(List.of("update_mask"), fields(() -> UserUpdate.of(List.of("user_id"), "", "", "")));
  }

  private static List<String> fields(Runnable update) {
    ServiceException e = assertThrows(ServiceException.class, update::run);
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, e.reason());
    return e.violations().stream().map(FieldViolation::field).toList();
  }
}
