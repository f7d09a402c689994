package dev.polystore.presence;

/** {@link PresenceContract} on devstack's standalone Valkey (VALKEY_CLUSTER unset). */
class PresenceStandaloneIT extends PresenceContract {
  @Override
  TestValkey valkey() {
    return TestValkey.standalone();
  }
}
