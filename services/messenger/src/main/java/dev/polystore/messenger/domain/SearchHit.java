package dev.polystore.messenger.domain;

/**
 * One message that matched a search.
 *
 * @param rank PostgreSQL's ts_rank of the match; greater is better
 */
public record SearchHit(Message message, float rank) {}
