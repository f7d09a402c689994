package dev.polystore.gateway;

import dev.polystore.accounts.AccountsModule;
import dev.polystore.activity.ActivityModule;
import dev.polystore.files.FilesModule;
import dev.polystore.messenger.MessengerModule;
import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.presence.PresenceModule;
import dev.polystore.search.SearchModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every service the gateway can host, each built from the environment. Add a service here.
 * {@code POLYSTORE_SERVICES} (a comma-separated list of names) hosts a subset, which is how
 * production runs each service on its own from the same jar; by default all are hosted.
 */
public final class GatewayModules {
  public static final String SELECTION = "POLYSTORE_SERVICES";

  private static final Map<String, Function<Env, ServiceModule>> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("accounts", AccountsModule::fromEnv);
    FACTORIES.put("activity", ActivityModule::fromEnv);
    FACTORIES.put("files", FilesModule::fromEnv);
    FACTORIES.put("messenger", MessengerModule::fromEnv);
    FACTORIES.put("presence", PresenceModule::fromEnv);
    FACTORIES.put("search", SearchModule::fromEnv);
  }

  private GatewayModules() {}

  static List<ServiceModule> create(Env env) {
    List<ServiceModule> modules = new ArrayList<>();
    try {
      for (String name : selected(env)) {
        modules.add(FACTORIES.get(name).apply(env));
      }
      return modules;
    } catch (RuntimeException e) {
      // Release what was built before the failing module so a config error leaks no pools.
      modules.forEach(ServiceModule::close);
      throw e;
    }
  }

  /** The names of the services to host, from POLYSTORE_SERVICES or all of them. */
  public static List<String> selected(Env env) {
    if (!env.has(SELECTION)) {
      return List.copyOf(FACTORIES.keySet());
    }
    List<String> names = Arrays.stream(env.required(SELECTION).split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
    for (String name : names) {
      if (!FACTORIES.containsKey(name)) {
        throw new ConfigException(SELECTION, "unknown service '" + name + "'; known: " + String.join(", ", FACTORIES.keySet()));
      }
    }
    if (names.isEmpty()) {
      throw new ConfigException(SELECTION, "names no service; known: " + String.join(", ", FACTORIES.keySet()));
    }
    return names;
  }
}
