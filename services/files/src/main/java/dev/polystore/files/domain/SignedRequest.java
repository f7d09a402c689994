package dev.polystore.files.domain;

import java.net.URI;
import java.util.Map;

/** A presigned HTTP request: the URL and the headers its signature covers, to send as they are. */
public record SignedRequest(URI url, Map<String, String> headers) {
  public SignedRequest {
    headers = Map.copyOf(headers);
  }
}
