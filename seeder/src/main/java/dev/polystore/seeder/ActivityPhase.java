package dev.polystore.seeder;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.ActivityServiceGrpc.ActivityServiceBlockingStub;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.activity.v1.RecordEventsResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Activity events with ids from the seed, spread over the last two days: RecordEvents accepts
 * occurred_at from 48 hours back only (Keyspaces' window), so older history cannot be seeded via the
 * API. The spread stops an hour short of the window so a long run's last batches still fit.
 */
final class ActivityPhase {
  static final List<String> TYPES = List.of("message.posted", "file.uploaded", "member.added", "room.created",
      "user.signed_in", "api_key.used");
  static final Duration SPREAD = Duration.ofHours(47);
  private static final int BATCH = 100;

  private final Run run;
  private final ActivityServiceBlockingStub activity;

  ActivityPhase(Run run) {
    this.run = run;
    this.activity = ActivityServiceGrpc.newBlockingStub(run.channel);
  }

  void seed() {
    int perWorkspace = run.size.eventsPerWorkspace;
    int batchesPerWorkspace = (perWorkspace + BATCH - 1) / BATCH;
    run.phase("events", (long) perWorkspace * run.size.workspaces, (tally, progress) ->
        Parallel.forEach(run.args.concurrency(), batchesPerWorkspace * run.size.workspaces, b -> {
          int workspace = b / batchesPerWorkspace;
          int first = b % batchesPerWorkspace * BATCH;
          RecordEventsRequest.Builder batch = RecordEventsRequest.newBuilder();
          for (int i = first; i < Math.min(first + BATCH, perWorkspace); i++) {
            batch.addEvents(event(workspace, i));
          }
          // Idempotent on (workspace_id, event_id): the answer splits the batch into new and recorded before.
          RecordEventsResponse recorded = Calls.call("activity.RecordEvents", () -> run.deadline(activity).recordEvents(batch.build()));
          tally.created(recorded.getRecordedCount());
          tally.existing(recorded.getDuplicateCount());
          progress.step(batch.getEventsCount());
        }));
  }

  private Event event(int workspace, int i) {
    SplittableRandom random = run.plan.keys.random("event:" + workspace + ":" + i);
    String type = TYPES.get(random.nextInt(TYPES.size()));
    Instant occurred = run.start.minusMillis(random.nextLong(SPREAD.toMillis()));
    return Event.newBuilder()
        .setEventId(run.plan.keys.id("e:" + workspace + ":" + i))
        .setWorkspaceId(run.workspaceIds[workspace])
        .setActorId(run.userOf(workspace, random.nextInt(run.size.membersPerWorkspace)))
        .setType(type)
        .setSubject(type.substring(0, type.indexOf('.')) + "s/" + random.nextInt(1000))
        .putAttributes("source", "seeder")
        .putAttributes("note", TextGenerator.sentence(random))
        .setOccurredAt(Timestamp.newBuilder().setSeconds(occurred.getEpochSecond()).setNanos(occurred.getNano() / 1_000_000 * 1_000_000))
        .build();
  }
}
