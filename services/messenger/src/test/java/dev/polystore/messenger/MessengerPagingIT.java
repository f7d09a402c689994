package dev.polystore.messenger;

import static dev.polystore.messenger.MessengerClient.ids;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.messenger.v1.ListMessagesResponse;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.Room;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ListMessages' keyset pages: backwards through history and forwards to catch up, neither skipping
 * nor repeating a message, also while other clients post to the room.
 */
class MessengerPagingIT {
  private static final UUID WORKSPACE = UUID.randomUUID();
  private static final int POSTERS = 4;
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();


  @Test
  void pagesBackFromTheNewestAndForwardFromTheOldest() {
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(WORKSPACE, "history " + UUID.randomUUID(), author);
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      posted.add(messenger.post(room, author, "message " + i).getMessageId());
    }

    List<List<String>> back = pageBack(room, 4);
    List<List<String>> forward = pageForward(room, posted.get(0), 4);

    assertEquals(List.of(4, 4, 2), back.stream().map(List::size).toList());
    assertEquals(reversed(posted), back.stream().flatMap(List::stream).toList());
    assertEquals(List.of(4, 4, 1), forward.stream().map(List::size).toList());
    assertEquals(posted.subList(1, 10), forward.stream().flatMap(List::stream).toList());
  }

  @Test
  void anyUuidIsAPosition() {
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(WORKSPACE, "positions " + UUID.randomUUID(), author);
    Message first = messenger.post(room, author, "first");
    Message second = messenger.post(room, author, "second");

    ListMessagesResponse newest = messenger.before(room, "ffffffff-ffff-7fff-bfff-ffffffffffff", 10);
    ListMessagesResponse oldest = messenger.after(room, "00000000-0000-7000-8000-000000000000", 1);

    assertEquals(List.of(second, first), newest.getMessagesList());
    assertFalse(newest.getHasMore());
    assertEquals(List.of(first), oldest.getMessagesList());
    assertTrue(oldest.getHasMore());
  }

  @Test
  void anEmptyRoomHasAnEmptyPageAndAnUnknownRoomNone() {
    Room room = messenger.createRoom(WORKSPACE, "quiet " + UUID.randomUUID(), UUID.randomUUID());

    assertEquals(ListMessagesResponse.getDefaultInstance(), messenger.latest(room, 0));
    Room missing = room.toBuilder().setRoomId(UUID.randomUUID().toString()).build();
    assertStatus(Status.Code.NOT_FOUND, () -> messenger.latest(missing, 0));
  }

  @Test
  void pagingBackWhileMessagesArriveSeesEveryEarlierMessageOnce() throws Exception {
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(WORKSPACE, "busy back " + UUID.randomUUID(), author);
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      before.add(messenger.post(room, author, "earlier " + i).getMessageId());
    }

    List<String> seen = whilePosting(room, author, () -> flatten(pageBack(room, 3)));

    // The first page was read while posts were landing, so it may start above the first 40. From
    // its newest message down, every message of the room comes exactly once, newest first.
    List<String> all = roomIds(room);
    assertEquals(reversed(all.subList(0, all.indexOf(seen.get(0)) + 1)), seen);
    assertTrue(seen.containsAll(before));
  }

  @Test
  void pagingForwardWhileMessagesArriveCatchesUpOnEveryOneOnce() throws Exception {
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(WORKSPACE, "busy forward " + UUID.randomUUID(), author);
    String start = messenger.post(room, author, "the start").getMessageId();

    List<String> seen = new ArrayList<>(whilePosting(room, author, () -> flatten(pageForward(room, start, 3))));
    // The posters have stopped: catch up on what came after the last page read meanwhile.
    String last = seen.isEmpty() ? start : seen.get(seen.size() - 1);
    seen.addAll(flatten(pageForward(room, last, 3)));

    List<String> all = roomIds(room);
    assertEquals(all.subList(1, all.size()), seen, "every message after the start, in order, none twice");
  }

  // Helpers

  /** Runs {@code reader} while POSTERS threads post to the room as fast as they can; its result. */
  private static List<String> whilePosting(Room room, UUID author, Callable<List<String>> reader)
      throws Exception {
    ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<Integer>> posts = new ArrayList<>();
      for (int p = 0; p < POSTERS; p++) {
        int poster = p;
        posts.add(posters.submit(() -> {
          int count = 0;
          // At least a few posts each, so that they overlap the reader even on a slow machine.
          while (!stop.get() || count < 5) {
            messenger.post(room, author, "poster " + poster + " says " + count++);
          }
          return count;
        }));
      }
      List<String> seen = reader.call();
      stop.set(true);
      for (Future<Integer> post : posts) {
        assertTrue(post.get(60, TimeUnit.SECONDS) >= 5);
      }
      return seen;
    } finally {
      stop.set(true);
      posters.shutdownNow();
    }
  }

  /** From the newest page back to the oldest, checking each page runs newest first. */
  private static List<List<String>> pageBack(Room room, int pageSize) {
    List<List<String>> pages = new ArrayList<>();
    ListMessagesResponse page = messenger.latest(room, pageSize);
    pages.add(ids(page.getMessagesList()));
    while (page.getHasMore()) {
      List<Message> messages = page.getMessagesList();
      page = messenger.before(room, messages.get(messages.size() - 1).getMessageId(), pageSize);
      pages.add(ids(page.getMessagesList()));
    }
    assertNoRepeats(pages);
    return pages;
  }

  /** From after {@code start} forward to the newest, checking each page runs oldest first. */
  private static List<List<String>> pageForward(Room room, String start, int pageSize) {
    List<List<String>> pages = new ArrayList<>();
    ListMessagesResponse page;
    String cursor = start;
    do {
      page = messenger.after(room, cursor, pageSize);
      List<String> ids = ids(page.getMessagesList());
      pages.add(ids);
      cursor = ids.isEmpty() ? cursor : ids.get(ids.size() - 1);
    } while (page.getHasMore());
    assertNoRepeats(pages);
    return pages;
  }

  private static void assertNoRepeats(List<List<String>> pages) {
    Set<String> seen = new HashSet<>();
    pages.forEach(page -> page.forEach(id -> assertTrue(seen.add(id), () -> "repeated across pages: " + id)));
  }

  /** Every message id of the room, oldest first, read from the table itself. */
  private static List<String> roomIds(Room room) throws SQLException {
    try (Connection connection = messenger.served.connect(); PreparedStatement query = connection.prepareStatement(
        "SELECT message_id::text FROM messages WHERE room_id = ?::uuid ORDER BY message_id")) {
      query.setString(1, room.getRoomId());
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  private static List<String> flatten(List<List<String>> pages) {
    return pages.stream().flatMap(List::stream).toList();
  }

  private static List<String> reversed(List<String> ids) {
    List<String> out = new ArrayList<>(ids);
    Collections.reverse(out);
    return out;
  }
}
