package dev.polystore.files.domain;

/** The types of the events files' writes publish (polystore.events.v1.Event.type); the subject is the file. */
public final class EventTypes {
  public static final String UPLOAD_CREATED = "upload.created";
  public static final String UPLOAD_COMPLETED = "upload.completed";
  /** By DeleteFile, and by the cleanup for an upload that was never completed. */
  public static final String FILE_DELETED = "file.deleted";

  private EventTypes() {}
}
