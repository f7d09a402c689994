package dev.polystore.files.domain;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A presigned browser POST: the form fields, in the order to send them before the file. */
public record SignedPost(URI url, Map<String, String> fields) {
  public SignedPost {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
