package dev.polystore.accounts.domain;

/** What a member may do in a workspace. */
public enum Role {
  OWNER,
  ADMIN,
  MEMBER
}
