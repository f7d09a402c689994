package dev.polystore.accounts.domain;

/** The types of the events accounts' writes publish (polystore.events.v1.Event.type). */
public final class EventTypes {
  public static final String USER_CREATED = "user.created";
  public static final String USER_UPDATED = "user.updated";
  public static final String WORKSPACE_CREATED = "workspace.created";
  public static final String MEMBER_ADDED = "member.added";
  public static final String MEMBER_REMOVED = "member.removed";
  public static final String API_KEY_CREATED = "api_key.created";
  public static final String API_KEY_REVOKED = "api_key.revoked";

  private EventTypes() {}
}
