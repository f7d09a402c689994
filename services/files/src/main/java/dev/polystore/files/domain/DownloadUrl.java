package dev.polystore.files.domain;

import java.net.URI;
import java.time.Instant;

/** A presigned GET of a file and when it stops working. */
public record DownloadUrl(URI url, Instant expiresAt) {}
