package dev.polystore.platform.events;

import java.util.UUID;

/** One event as the outbox keeps it and the bus carries it: its id, type and Event bytes. */
public record OutboxRow(UUID eventId, String type, byte[] payload) {}
