package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableOrderTest {
  @Test
  void referencedTablesComeFirst() {
    // accounts' shape: workspaces -> users, memberships -> both, api_keys -> workspaces.
    assertEquals(List.of("users", "workspaces", "api_keys", "create_requests", "memberships"),
        TableOrder.sorted(Set.of("api_keys", "create_requests", "memberships", "users", "workspaces"), Map.of(
            "workspaces", Set.of("users"), "memberships", Set.of("workspaces", "users"),
            "api_keys", Set.of("workspaces"))));
  }

  @Test
  void aCycleHasNoOrder() {
    assertThrows(AdminFailure.class, () -> TableOrder.sorted(Set.of("a", "b"),
        Map.of("a", Set.of("b"), "b", Set.of("a"))));
  }
}
