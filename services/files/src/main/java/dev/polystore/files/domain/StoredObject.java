package dev.polystore.files.domain;

import java.util.Optional;

/**
 * What S3 says it holds under a key.
 *
 * @param sha256 the object's full SHA-256 (lowercase hex) when S3 stored one with it
 */
public record StoredObject(long size, String contentType, Optional<String> sha256) {}
