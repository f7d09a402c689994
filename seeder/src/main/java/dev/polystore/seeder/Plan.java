package dev.polystore.seeder;

import java.util.ArrayList;
import java.util.List;

/**
 * What a seed and a size produce: names, natural keys and who belongs where, computed without any
 * call, so the same seed always plans the same data and tests can recompute what to look for.
 */
public final class Plan {
  public final Keys keys;
  public final Size size;

  public Plan(long seed, Size size) {
    this.keys = new Keys(seed);
    this.size = size;
  }

  public String email(int user) {
    return "seed" + keys.seed() + ".user" + user + "@example.com";
  }

  public String displayName(int user) {
    return TextGenerator.personName(keys.random("user:" + user));
  }

  /** Unique per seed and workspace, 3 to 40 characters of [a-z0-9-]. */
  public String slug(int workspace) {
    return "seed" + Long.toUnsignedString(keys.seed(), 36) + "-" + TextGenerator.topic(workspace) + "-" + workspace;
  }

  public String workspaceName(int workspace) {
    String topic = TextGenerator.topic(workspace);
    return Character.toUpperCase(topic.charAt(0)) + topic.substring(1) + " team " + workspace;
  }

  /** The workspace's users, owner first: a window of the user list, so workspaces overlap. */
  public List<Integer> members(int workspace) {
    List<Integer> users = new ArrayList<>();
    int start = (workspace * size.membersPerWorkspace / 2) % size.users;
    for (int i = 0; i < size.membersPerWorkspace; i++) {
      users.add((start + i) % size.users);
    }
    return users;
  }

  public String roomName(int workspace, int room) {
    return room == 0 ? "general" : room == 1 ? "random" : TextGenerator.topic(workspace + room) + "-" + room;
  }

  /** The room's members, as indexes into {@link #members}: all of them, so any member may post. */
  public int roomMemberCount() {
    return size.membersPerWorkspace;
  }

  public String messageKey(int workspace, int room, int message) {
    return keys.id("m:" + workspace + ":" + room + ":" + message);
  }

  public String messageBody(int workspace, int room, int message) {
    return TextGenerator.paragraph(keys.random("message:" + workspace + ":" + room + ":" + message), 3);
  }

  /** Index into {@link #members} of the message's author. */
  public int messageAuthor(int workspace, int room, int message) {
    return keys.random("author:" + workspace + ":" + room + ":" + message).nextInt(size.membersPerWorkspace);
  }

  public String apiKeyName(int workspace, int key) {
    return "seed key " + key;
  }

  public String documentId(int workspace, int document) {
    return "seed-" + keys.seed() + "-doc-" + document;
  }

  public String documentText(int workspace, int document) {
    return TextGenerator.paragraph(keys.random("document:" + workspace + ":" + document), 6);
  }
}
