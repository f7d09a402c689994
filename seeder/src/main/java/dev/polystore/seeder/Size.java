package dev.polystore.seeder;

import java.util.Locale;

/**
 * How much to seed. Per-workspace counts, so the load spreads over tenants as it would in use.
 * large is about 300k messages and 2M events: long, but fine on a laptop.
 */
public enum Size {
  //     users ws  members keys rooms msgs/room events/ws files/ws docs/ws bigFileMib
  SMALL(    20, 2,     10,   2,    3,       20,      200,       4,     20, 6),
  MEDIUM(  200, 5,     40,   3,   10,      100,   10_000,      10,    200, 6),
  LARGE( 2_000, 20,   200,   5,   25,      600,  100_000,      50,  2_000, 101);

  public final int users;
  public final int workspaces;
  /** Members of each workspace, its owner included. */
  public final int membersPerWorkspace;
  public final int apiKeysPerWorkspace;
  public final int roomsPerWorkspace;
  public final int messagesPerRoom;
  public final int eventsPerWorkspace;
  /** Small files per workspace, half by presigned PUT, half by presigned POST. */
  public final int filesPerWorkspace;
  public final int documentsPerWorkspace;
  /** One file of this size in the first workspace: multipart above the gateway's threshold (100 MiB by default). */
  public final int bigFileMib;

  Size(int users, int workspaces, int membersPerWorkspace, int apiKeysPerWorkspace, int roomsPerWorkspace,
      int messagesPerRoom, int eventsPerWorkspace, int filesPerWorkspace, int documentsPerWorkspace, int bigFileMib) {
    this.users = users;
    this.workspaces = workspaces;
    this.membersPerWorkspace = Math.min(membersPerWorkspace, users);
    this.apiKeysPerWorkspace = apiKeysPerWorkspace;
    this.roomsPerWorkspace = roomsPerWorkspace;
    this.messagesPerRoom = messagesPerRoom;
    this.eventsPerWorkspace = eventsPerWorkspace;
    this.filesPerWorkspace = filesPerWorkspace;
    this.documentsPerWorkspace = documentsPerWorkspace;
    this.bigFileMib = bigFileMib;
  }

  static Size parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--size must be small, medium or large, was '" + value + "'");
    }
  }
}
