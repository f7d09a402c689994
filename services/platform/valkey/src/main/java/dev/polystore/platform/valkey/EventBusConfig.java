package dev.polystore.platform.valkey;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventsConfig;

/**
 * Where a producing service's events go: the Valkey of the event bus (the same settings as
 * presence's, VALKEY_URL and the rest) and how its outbox is relayed there.
 */
public record EventBusConfig(ValkeyConfig valkey, EventsConfig events) {
  public static EventBusConfig fromEnv(Env env, String service) {
    return new EventBusConfig(ValkeyConfig.fromEnv(env), EventsConfig.fromEnv(env, service));
  }
}
