package dev.polystore.files.domain;

import java.util.Optional;

/**
 * One part of a multipart upload: bytes [offset, offset + size) of the file, with its presigned PUT;
 * without one in the plan of an upload whose parts are signed only with their declared SHA-256s.
 */
public record SignedPart(int partNumber, Optional<SignedRequest> request, long offset, long size) {}
