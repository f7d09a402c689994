package dev.polystore.seeder;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.stub.AbstractStub;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** What every phase shares: the plan, the channel, the tallies, and the ids earlier phases learnt. */
final class Run {
  /**
   * Entities whose answer carries no "created" flag count as existing when the service made them
   * before this run started. The margin covers clock skew between the seeder and the gateway.
   */
  private static final Duration SKEW = Duration.ofSeconds(2);
  private static final long DEADLINE_SECONDS = 60;

  final Plan plan;
  final Size size;
  final SeederArgs args;
  final Channel channel;
  final Summary summary = new Summary();
  final PrintStream out;
  final Instant start = Instant.now();
  /** Server-assigned ids, indexed as in the plan. */
  final String[] userIds;
  final String[] workspaceIds;
  final String[][] roomIds;

  Run(SeederArgs args, Channel channel, PrintStream out) {
    this.args = args;
    this.plan = new Plan(args.seed(), args.size());
    this.size = args.size();
    this.channel = channel;
    this.out = out;
    userIds = new String[size.users];
    workspaceIds = new String[size.workspaces];
    roomIds = new String[size.workspaces][size.roomsPerWorkspace];
  }

  <S extends AbstractStub<S>> S deadline(S stub) {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  boolean madeByThisRun(Timestamp createTime) {
    return createTime.getSeconds() >= start.minus(SKEW).getEpochSecond();
  }

  String userOf(int workspace, int member) {
    return userIds[plan.members(workspace).get(member)];
  }

  /** Runs one entity's work with a tally and a progress line. */
  void phase(String entity, long total, java.util.function.BiConsumer<Tally, ProgressLine> work) {
    Tally tally = summary.tally(entity);
    ProgressLine progress = new ProgressLine(entity, total, out);
    tally.start();
    work.accept(tally, progress);
    tally.finish();
    progress.finish();
  }
}
