package dev.polystore.messenger.domain;

/**
 * The message a post leaves.
 *
 * @param created false when the post was a retry and this is the message of the first one
 */
public record Posted(Message message, boolean created) {}
