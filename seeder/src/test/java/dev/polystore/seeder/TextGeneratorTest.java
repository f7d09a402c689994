package dev.polystore.seeder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated text and files are deterministic per stream, varied across streams, and within the contracts' limits. */
class TextGeneratorTest {
  private final Keys keys = new Keys(42);

  @Test
  void sameStreamSameText() {
    assertEquals(TextGenerator.paragraph(keys.random("x"), 3), TextGenerator.paragraph(keys.random("x"), 3));
  }

  @Test
  void textVariesAndFitsAMessage() {
    Set<String> bodies = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String body = TextGenerator.paragraph(keys.random("m" + i), 3);
      assertTrue(!body.isBlank() && body.length() <= 4000, body);
      assertTrue(Character.isUpperCase(body.charAt(0)) && body.endsWith("."), body);
      bodies.add(body);
    }
    assertTrue(bodies.size() > 90, "distinct bodies: " + bodies.size());
  }

  @Test
  void filesAreDeterministicAndAllowedTypes() {
    FileContent a = FileContent.small(keys, 1, 2);
    FileContent b = FileContent.small(keys, 1, 2);
    assertEquals(a.filename(), b.filename());
    assertArrayEquals(a.bytes(), b.bytes());
    assertEquals(a.sha256(), b.sha256());
    assertTrue(a.bytes().length >= 1024 && a.bytes().length <= 65 * 1024);
    assertTrue(Set.of("text/plain", "text/csv").contains(a.contentType()));
    FileContent big = FileContent.big(keys, 1 << 20);
    assertEquals(1 << 20, big.bytes().length);
    assertEquals(big.sha256(), FileContent.big(keys, 1 << 20).sha256());
    assertNotEquals(big.sha256(), FileContent.big(new Keys(43), 1 << 20).sha256());
  }
}
