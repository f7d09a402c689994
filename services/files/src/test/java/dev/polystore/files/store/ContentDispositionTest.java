package dev.polystore.files.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 6266 with RFC 5987's filename*: nothing of a filename can end the header or add a parameter. */
class ContentDispositionTest {
  @Test
  void plainAsciiNamesStayAsTheyAre() {
    assertEquals("attachment; filename=\"report-2024.pdf\"; filename*=UTF-8''report-2024.pdf",
        ContentDisposition.attachment("report-2024.pdf"));
  }

  @Test
  void quotesBackslashesAndPercentSignsCannotBreakTheQuotedName() {
    assertEquals("a_b_c_d", ContentDisposition.asciiFallback("a\"b\\c%d"));
    assertEquals("a%22b%5Cc%25d%3B%20x%3Dy", ContentDisposition.encode("a\"b\\c%d; x=y"));
  }

  @Test
  void nonAsciiNamesArePercentEncodedAsUtf8() {
    assertEquals("_.txt", ContentDisposition.asciiFallback("日.txt"));
    assertEquals("%E6%97%A5.txt", ContentDisposition.encode("日.txt"));
    assertEquals("emoji_", ContentDisposition.asciiFallback("emoji\uD83D\uDE00"), "one code point, one _");
  }
}
