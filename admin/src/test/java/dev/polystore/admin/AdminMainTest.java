package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdminMainTest {
  @Test
  void aFailureExitsNonZero() {
    assertEquals(1, AdminMain.exitCode(new String[] {"export"}), "no --service");
    assertEquals(1, AdminMain.exitCode(new String[] {}), "no command");
  }
}
