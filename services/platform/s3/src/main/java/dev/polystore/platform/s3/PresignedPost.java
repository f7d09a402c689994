package dev.polystore.platform.s3;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed browser upload: the form fields go first, in this order, then the file as the last
 * part, named "file", of a multipart/form-data POST to {@code url}.
 */
public record PresignedPost(URI url, Map<String, String> fields) {
  public PresignedPost {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
