package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.VectorDocument;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentLinesTest {
  @Test
  void aDocumentComesBackWithEveryAttributeTypeAndTheExactVector() {
    VectorDocument document = new VectorDocument("id \"1\"", new float[] {0.1f, -3.0e-7f, Float.MAX_VALUE}, "text\nline",
        Map.of("int", AttributeValue.of(3L), "float", AttributeValue.of(3.0), "bool", AttributeValue.of(false),
            "string", AttributeValue.of("3")));

    VectorDocument back = DocumentLines.decode(DocumentLines.encode(document));

    assertEquals(document.id(), back.id());
    assertArrayEquals(document.vector(), back.vector());
    assertEquals(document.text(), back.text());
    assertEquals(document.attributes(), back.attributes(), "an INT 3 stays an INT, a FLOAT 3.0 a FLOAT");
    assertEquals(Optional.empty(), DocumentDifference.between(document, back));
  }

  @Test
  void theDifferenceNamesWhatDiffers() {
    VectorDocument a = new VectorDocument("x", new float[] {1, 2}, "t", Map.of("n", AttributeValue.of(1L)));

    assertEquals(Optional.of("vector component 1 is 2.0 and 2.5"), DocumentDifference.between(a,
        new VectorDocument("x", new float[] {1, 2.5f}, "t", a.attributes())));
    assertEquals(Optional.of("attribute n is INT 1 and FLOAT 1.0"), DocumentDifference.between(a,
        new VectorDocument("x", a.vector(), "t", Map.of("n", AttributeValue.of(1.0)))));
    assertEquals(Optional.of("attribute n is INT 1 and absent"), DocumentDifference.between(a,
        new VectorDocument("x", a.vector(), "t", Map.of())));
  }
}
