package dev.polystore.admin;

import dev.polystore.platform.config.ConfigException;
import java.io.PrintStream;
import java.util.Map;

/** polystore-admin's entry point: 0 on success, 1 on a failure, 2 on a configuration error, each with one line. */
public final class AdminMain {
  private AdminMain() {}

  public static void main(String[] args) {
    System.exit(exitCode(args));
  }

  static int exitCode(String[] args) {
    return exitCode(args, System.getenv(), System.out, System.err);
  }

  /** The same with the environment and streams given (tests). */
  static int exitCode(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      Admin.run(AdminArgs.parse(args), env, out);
      return 0;
    } catch (ConfigException e) {
      err.println("polystore-admin: configuration error: " + e.getMessage());
      return 2;
    } catch (AdminFailure e) {
      err.println("polystore-admin: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("polystore-admin: failed: " + e);
      return 1;
    }
  }
}
