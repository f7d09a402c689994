package dev.polystore.files.domain;

/** How a client sends the bytes of a file below the multipart threshold. */
public enum UploadMethod {
  PUT,
  POST
}
