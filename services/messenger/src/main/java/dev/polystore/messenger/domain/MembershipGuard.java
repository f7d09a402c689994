package dev.polystore.messenger.domain;

import java.util.Optional;

/**
 * Decides whether a membership may change, seeing the room as no concurrent change of its members
 * or posts can alter it meanwhile; it throws to refuse.
 */
@FunctionalInterface
public interface MembershipGuard {
  /**
   * @param room the room with its member count now, empty when there is none
   * @param member whether the user is a member now
   */
  void check(Optional<Room> room, boolean member);
}
