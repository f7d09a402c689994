package dev.polystore.platform.events;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A change a service is about to commit, as its store hands it to the {@link ChangeEncoder}: the
 * event's envelope in plain Java. {@code detail} is the domain value a payload is made of (a
 * message for "message.posted"), or null when the envelope says all.
 */
public record Change(UUID eventId, String type, Optional<UUID> workspaceId, UUID subjectId, Instant occurredAt,
    Object detail) {}
