package dev.polystore.seeder;

/** The command line: where to seed, as whom, how much, and from which seed. */
public record SeederArgs(String target, String token, Size size, long seed, int concurrency, Integer bigFileMib) {
  static final String USAGE = "usage: polystore-seeder [--target host:port] [--token T] [--size small|medium|large]"
      + " [--seed N] [--concurrency N] [--big-file-mib N]";

  /** Parses the arguments; IllegalArgumentException names what is wrong. */
  public static SeederArgs parse(String... args) {
    String target = "127.0.0.1:9090";
    String token = null;
    Size size = Size.SMALL;
    long seed = 1;
    int concurrency = 4;
    Integer bigFileMib = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value; " + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--target" -> target = value;
        case "--token" -> token = value;
        case "--size" -> size = Size.parse(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--concurrency" -> concurrency = positive(name, value);
        case "--big-file-mib" -> bigFileMib = positive(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
      }
    }
    if (!target.matches("[^:]+:\\d+")) {
      throw new IllegalArgumentException("--target must be host:port, was '" + target + "'");
    }
    return new SeederArgs(target, token, size, seed, concurrency, bigFileMib);
  }

  /** The size of the large file, which goes multipart when it is above the gateway's threshold. */
  public int bigFileBytes() {
    return (bigFileMib != null ? bigFileMib : size.bigFileMib) * 1024 * 1024;
  }

  private static int positive(String name, String value) {
    int n = Integer.parseInt(value);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + n);
    }
    return n;
  }
}
