package dev.polystore.accounts.domain;

import java.util.Optional;

/**
 * Decides whether a membership may go, seeing the workspace as no concurrent removal can change it
 * meanwhile; it throws to refuse.
 */
@FunctionalInterface
public interface RemovalGuard {
  /**
   * @param membership the membership to remove, empty when there is none
   * @param owners how many owners the workspace has now, this membership included
   */
  void check(Optional<Membership> membership, long owners);
}
