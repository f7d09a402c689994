package dev.polystore.seeder;

import java.io.PrintStream;

/** One seeding run, service by service in dependency order (accounts first: everything else needs its ids). */
public final class Seeder {
  private Seeder() {}

  /** Seeds and prints the summary table; throws {@link SeedFailure} naming the first call that failed. */
  public static Summary run(SeederArgs args, PrintStream out) {
    out.printf("seeding %s: size %s, seed %d%n", args.target(), args.size().name().toLowerCase(), args.seed());
    try (Connection connection = new Connection(args.target(), args.token())) {
      Calls.RETRIES.clear();
      Run run = new Run(args, connection.channel, out);
      try {
        new AccountsPhase(run).seed();
        new MessengerPhase(run).seed();
        new ActivityPhase(run).seed();
        new FilesPhase(run).seed();
        new PresencePhase(run).seed();
        new SearchPhase(run).seed();
      } catch (SeedFailure e) {
        // What got done so far, so a rerun (which finds it all) is no surprise.
        run.summary.print(out);
        throw e;
      }
      Calls.RETRIES.forEach((call, count) -> run.summary.note(call + ": " + count.sum()
          + " call(s) retried after UNAVAILABLE; what the first attempt wrote counts as existing"
          + (call.equals("activity.RecordEvents") ? ", and its daily counts may miss events (the store's documented limit)" : "")));
      run.summary.print(out);
      return run.summary;
    }
  }
}
