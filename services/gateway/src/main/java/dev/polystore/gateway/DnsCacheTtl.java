package dev.polystore.gateway;

import java.security.Security;

/**
 * Keeps DNS answers 5 s instead of the JVM's 30 s. An Aurora failover moves the cluster's writer
 * name to another instance; with the old answer cached, new connections reach the demoted one for
 * up to the TTL (AWS's JDBC guidance). The JVM reads the setting once, at its first name lookup,
 * so this runs before anything else; a value the operator set (either property) is kept.
 */
final class DnsCacheTtl {
  static final String SECURITY_PROPERTY = "networkaddress.cache.ttl";
  static final String SYSTEM_PROPERTY = "sun.net.inetaddr.ttl";
  static final String SECONDS = "5";

  private DnsCacheTtl() {
  }

  static void shorten() {
    if (Security.getProperty(SECURITY_PROPERTY) == null && System.getProperty(SYSTEM_PROPERTY) == null) {
      Security.setProperty(SECURITY_PROPERTY, SECONDS);
    }
  }
}
