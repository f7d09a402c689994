package dev.polystore.activity.domain;

/** What RecordEvents did: events stored now, and events that had been recorded before. */
public record RecordResult(int recorded, int duplicates) {}
