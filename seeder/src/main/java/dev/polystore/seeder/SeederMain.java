package dev.polystore.seeder;

/** Command line entry: exit 0 when seeded, 1 when a call failed (named on stderr), 2 for bad arguments. */
public final class SeederMain {
  private SeederMain() {}

  public static void main(String[] argv) {
    SeederArgs args;
    try {
      args = SeederArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("seeder: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Seeder.run(args, System.out);
    } catch (SeedFailure e) {
      System.err.println("seeder: " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }
}
