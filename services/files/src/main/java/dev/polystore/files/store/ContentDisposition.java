package dev.polystore.files.store;

import java.nio.charset.StandardCharsets;

/**
 * Content-Disposition: attachment with a filename any browser reads safely (RFC 6266): an ASCII
 * {@code filename} for old clients, in which quotes, backslashes, percent signs and anything
 * outside printable ASCII become "_", and the exact name as {@code filename*} in RFC 5987's
 * UTF-8 percent-encoding, which newer clients prefer. Nothing of the name can end the header or
 * add a parameter.
 */
final class ContentDisposition {
  private ContentDisposition() {}

  static String attachment(String filename) {
    return "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + encode(filename);
  }

  static String asciiFallback(String filename) {
    StringBuilder out = new StringBuilder(filename.length());
    filename.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
        ? (char) c : '_'));
    return out.toString();
  }

  /** RFC 5987 ext-value: attr-chars as they are, every other UTF-8 byte as %XX. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isAttrChar(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean isAttrChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$&+-.^_`|~".indexOf(c) >= 0;
  }
}
