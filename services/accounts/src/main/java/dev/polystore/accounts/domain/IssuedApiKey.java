package dev.polystore.accounts.domain;

/** A key just created, with its secret: the only moment the secret exists outside the caller. */
public record IssuedApiKey(ApiKey key, String secret) {}
