package dev.polystore.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command words ({@code export}, {@code vector migrate}) and the {@code --name value} options after them. */
public record AdminArgs(List<String> command, Map<String, String> options) {
  /** Options that take no value. */
  private static final Set<String> FLAGS = Set.of("replace", "once");

  public static AdminArgs parse(String... args) {
    List<String> command = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        if (!options.isEmpty()) {
          throw new AdminFailure("'" + arg + "' after the options: the command comes first");
        }
        command.add(arg);
        continue;
      }
      String name = arg.substring(2);
      int eq = name.indexOf('=');
      if (eq > 0) {
        options.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (FLAGS.contains(name)) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new AdminFailure("--" + name + " needs a value");
      }
    }
    return new AdminArgs(List.copyOf(command), Map.copyOf(options));
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new AdminFailure("--" + name + " is required for " + String.join(" ", command)));
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
  }

  public boolean flag(String name) {
    return "true".equals(options.get(name));
  }
}
