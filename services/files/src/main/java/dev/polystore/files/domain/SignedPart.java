package dev.polystore.files.domain;

/** One presigned part of a multipart upload: bytes [offset, offset + size) of the file. */
public record SignedPart(int partNumber, SignedRequest request, long offset, long size) {}
