package dev.polystore.messenger.domain;

/** The types of the events messenger's writes publish (polystore.events.v1.Event.type). */
public final class EventTypes {
  public static final String ROOM_CREATED = "room.created";
  public static final String ROOM_MEMBER_ADDED = "room.member_added";
  public static final String ROOM_MEMBER_REMOVED = "room.member_removed";
  public static final String MESSAGE_POSTED = "message.posted";
  public static final String MESSAGE_EDITED = "message.edited";
  public static final String MESSAGE_DELETED = "message.deleted";

  private EventTypes() {}
}
