package dev.polystore.gateway;

import dev.polystore.accounts.AccountsModule;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.service.ServiceModule;
import java.util.ArrayList;
import java.util.List;

/** Every service the gateway hosts, each built from the environment. Add a service here. */
final class GatewayModules {
  private GatewayModules() {}

  static List<ServiceModule> create(Env env) {
    List<ServiceModule> modules = new ArrayList<>();
    try {
      modules.add(AccountsModule.fromEnv(env));
      return modules;
    } catch (RuntimeException e) {
      // Release what was built before the failing module so a config error leaks no pools.
      modules.forEach(ServiceModule::close);
      throw e;
    }
  }
}
