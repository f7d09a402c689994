package dev.polystore.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeederArgsTest {
  @Test
  void defaults() {
    SeederArgs args = SeederArgs.parse();
    assertEquals("127.0.0.1:9090", args.target());
    assertNull(args.token());
    assertEquals(Size.SMALL, args.size());
    assertEquals(6 << 20, args.bigFileBytes());
  }

  @Test
  void parsesEveryOption() {
    SeederArgs args = SeederArgs.parse("--target", "gw:443", "--token", "t", "--size", "Medium", "--seed", "9",
        "--concurrency", "3", "--big-file-mib", "7");
    assertEquals(new SeederArgs("gw:443", "t", Size.MEDIUM, 9, 3, 7), args);
  }

  @Test
  void refusesWhatItCannotUse() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SeederArgs.parse("--size", "huge"))
        .getMessage().startsWith("--size must be small, medium or large"));
    assertThrows(IllegalArgumentException.class, () -> SeederArgs.parse("--target", "nohost"));
    assertThrows(IllegalArgumentException.class, () -> SeederArgs.parse("--bogus", "1"));
    assertThrows(IllegalArgumentException.class, () -> SeederArgs.parse("--seed"));
  }
}
