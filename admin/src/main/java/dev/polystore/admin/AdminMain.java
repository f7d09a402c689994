package dev.polystore.admin;

import dev.polystore.platform.config.ConfigException;

/** polystore-admin's entry point: 0 on success, 1 on a failure, 2 on a configuration error, each with one line. */
public final class AdminMain {
  private AdminMain() {}

  public static void main(String[] args) {
    System.exit(exitCode(args));
  }

  static int exitCode(String[] args) {
    try {
      Admin.run(AdminArgs.parse(args), System.getenv(), System.out);
      return 0;
    } catch (ConfigException e) {
      System.err.println("polystore-admin: configuration error: " + e.getMessage());
      return 2;
    } catch (AdminFailure e) {
      System.err.println("polystore-admin: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("polystore-admin: failed: " + e);
      return 1;
    }
  }
}
