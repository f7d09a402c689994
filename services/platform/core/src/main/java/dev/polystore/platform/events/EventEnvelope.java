package dev.polystore.platform.events;

import dev.polystore.events.v1.Event;
import dev.polystore.platform.auth.CallPrincipal;
import dev.polystore.platform.auth.Principal;
import dev.polystore.platform.grpc.Timestamps;
import java.util.UUID;

/** A {@link Change}'s polystore.events.v1.Event without a payload, for a service's encoder to complete. */
public final class EventEnvelope {
  private EventEnvelope() {}

  /** The Event bytes of a change whose envelope says all: a {@link ChangeEncoder} for such services. */
  public static byte[] encode(Change change) {
    return of(change).build().toByteArray();
  }

  /** The envelope; the actor is the principal of the call being handled, empty outside a call. */
  public static Event.Builder of(Change change) {
    return Event.newBuilder()
        .setEventId(change.eventId().toString())
        .setType(change.type())
        .setWorkspaceId(change.workspaceId().map(UUID::toString).orElse(""))
        .setSubjectId(change.subjectId().toString())
        .setActor(CallPrincipal.current().map(Principal::name).orElse(""))
        .setOccurredAt(Timestamps.of(change.occurredAt()));
  }
}
