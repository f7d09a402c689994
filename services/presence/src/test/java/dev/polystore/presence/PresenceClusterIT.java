package dev.polystore.presence;

/**
 * {@link PresenceContract} on devstack's 3-node Valkey cluster (VALKEY_CLUSTER=true), as on
 * ElastiCache Serverless: the cluster client, scripts routed by hash slot, pub/sub across nodes.
 */
class PresenceClusterIT extends PresenceContract {
  @Override
  TestValkey valkey() {
    return TestValkey.cluster();
  }
}
