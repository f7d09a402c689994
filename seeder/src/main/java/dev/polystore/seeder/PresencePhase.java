package dev.polystore.seeder;

import com.google.protobuf.Duration;
import dev.polystore.presence.v1.GetPresenceRequest;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.presence.v1.PresenceServiceGrpc.PresenceServiceBlockingStub;
import dev.polystore.presence.v1.PresenceStatus;
import dev.polystore.presence.v1.UserPresence;
import java.util.ArrayList;
import java.util.List;

/**
 * A heartbeat from every member (10 minute TTL), so the workspace shows people online. Presence is
 * ephemeral and a heartbeat says nothing about what existed: a member counts as existing when
 * GetPresence already knew a last_seen_time for them before this run's heartbeat.
 */
final class PresencePhase {
  private static final List<PresenceStatus> STATUSES =
      List.of(PresenceStatus.PRESENCE_STATUS_ONLINE, PresenceStatus.PRESENCE_STATUS_BUSY, PresenceStatus.PRESENCE_STATUS_AWAY);

  private final Run run;
  private final PresenceServiceBlockingStub presence;

  PresencePhase(Run run) {
    this.run = run;
    this.presence = PresenceServiceGrpc.newBlockingStub(run.channel);
  }

  void seed() {
    int perWorkspace = run.size.membersPerWorkspace;
    run.phase("presence", (long) perWorkspace * run.size.workspaces, (tally, progress) -> {
      for (int w = 0; w < run.size.workspaces; w++) {
        int workspace = w;
        for (int first = 0; first < perWorkspace; first += 100) {
          List<String> users = new ArrayList<>();
          for (int m = first; m < Math.min(first + 100, perWorkspace); m++) {
            users.add(run.userOf(w, m));
          }
          List<UserPresence> before = Calls.call("presence.GetPresence", () -> run.deadline(presence).getPresence(
              GetPresenceRequest.newBuilder().setWorkspaceId(run.workspaceIds[workspace]).addAllUserIds(users).build())).getPresencesList();
          for (UserPresence seen : before) {
            tally.count(!seen.hasLastSeenTime());
          }
          Parallel.forEach(run.args.concurrency(), users.size(), i -> {
            Calls.call("presence.Heartbeat", () -> run.deadline(presence).heartbeat(HeartbeatRequest.newBuilder()
                .setWorkspaceId(run.workspaceIds[workspace]).setUserId(users.get(i)).setDeviceId("seeder")
                .setStatus(STATUSES.get(i % STATUSES.size())).setTtl(Duration.newBuilder().setSeconds(600)).build()));
            progress.step(1);
          });
        }
      }
    });
  }
}
