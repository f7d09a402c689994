package dev.polystore.search.domain;

/** What an upsert did: how many documents it wrote, and the workspace's vector dimension. */
public record UpsertResult(int upserted, int dimension) {}
