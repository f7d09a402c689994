package dev.polystore.messenger;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.Room;
import dev.polystore.messenger.v1.SearchMessagesRequest;
import dev.polystore.messenger.v1.SearchMessagesResponse;
import dev.polystore.messenger.v1.SearchResult;
import dev.polystore.platform.testing.Pages;
import io.grpc.Status;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SearchMessages: PostgreSQL full-text search, ranked, paged, scoped to a workspace and optionally a room. */
class MessengerSearchIT {
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient();
  private static final UUID AUTHOR = UUID.randomUUID();


  @Test
  void ranksMessagesThatSayItMoreHigherAndStems() {
    Room room = roomOfANewWorkspace();
    Message once = messenger.post(room, AUTHOR, "one deploy today, then lunch");
    Message thrice = messenger.post(room, AUTHOR, "deploy, deployed, deploying: the deploy of the week");
    Message twice = messenger.post(room, AUTHOR, "we deployed twice; the second deploy is late");
    messenger.post(room, AUTHOR, "nothing to see here");

    List<SearchResult> results = search(request(room, "deploy")).getResultsList();

    assertEquals(ids(thrice, twice, once), resultIds(results));
    assertTrue(results.get(0).getRank() > results.get(1).getRank());
    assertTrue(results.get(1).getRank() > results.get(2).getRank());
    assertEquals(thrice, results.get(0).getMessage());
  }

  @Test
  void readsWebSearchSyntax() {
    Room room = roomOfANewWorkspace();
    Message phrase = messenger.post(room, AUTHOR, "the database migration failed");
    Message apart = messenger.post(room, AUTHOR, "migration of the database later");
    Message other = messenger.post(room, AUTHOR, "cache warmed");

    assertEquals(ids(phrase), resultIds(search(request(room, "\"database migration\"")).getResultsList()));
    assertEquals(ids(apart), resultIds(search(request(room, "database -failed")).getResultsList()));
    assertEquals(Set.copyOf(ids(phrase, apart, other)),
        Set.copyOf(resultIds(search(request(room, "database or cache")).getResultsList())));
  }

  @Test
  void searchesOneWorkspaceOrOneRoomOfIt() {
    Room general = roomOfANewWorkspace();
    UUID workspace = UUID.fromString(general.getWorkspaceId());
    Room random = messenger.createRoom(workspace, "random", AUTHOR);
    Room elsewhere = roomOfANewWorkspace();
    Message inGeneral = messenger.post(general, AUTHOR, "standup at ten");
    Message inRandom = messenger.post(random, AUTHOR, "standup snacks");
    messenger.post(elsewhere, AUTHOR, "standup in another workspace");

    assertEquals(ids(inRandom, inGeneral), resultIds(search(request(general, "standup")).getResultsList()));
    assertEquals(ids(inGeneral), resultIds(search(request(general, "standup")
        .setRoomId(general.getRoomId())).getResultsList()));
    assertEquals(0, search(request(general, "standup").setRoomId(elsewhere.getRoomId())).getResultsCount());
    assertEquals(0, search(request(roomOfANewWorkspace(), "standup")).getResultsCount());
  }

  @Test
  void findsEditsAndNeverTombstones() {
    Room room = roomOfANewWorkspace();
    Message edited = messenger.post(room, AUTHOR, "the kettle is broken");
    Message deleted = messenger.post(room, AUTHOR, "the toaster is broken");
    messenger.stub().editMessage(EditMessageRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setMessageId(edited.getMessageId())
        .setAuthorId(AUTHOR.toString()).setBody("the kettle is fixed").build());
    messenger.stub().deleteMessage(DeleteMessageRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setMessageId(deleted.getMessageId())
        .setAuthorId(AUTHOR.toString()).build());

    assertEquals(0, search(request(room, "broken")).getResultsCount());
    assertEquals(ids(edited), resultIds(search(request(room, "fixed")).getResultsList()));
    assertEquals(0, search(request(room, "toaster")).getResultsCount());
  }

  @Test
  void pagesThroughResultsInRankOrderWithoutRepeats() {
    Room room = roomOfANewWorkspace();
    for (int i = 1; i <= 9; i++) {
      // Some ranks tie (same count of the word), so the id order inside a rank is exercised too.
      messenger.post(room, AUTHOR, ("alert ".repeat(1 + i % 3) + "number " + i).trim());
    }
    List<String> whole = resultIds(search(request(room, "alert").setPageSize(100)).getResultsList());

    List<List<String>> pages = Pages.collect(token -> search(request(room, "alert").setPageSize(2)
        .setPageToken(token)), SearchMessagesResponse::getNextPageToken, response -> resultIds(response.getResultsList()));

    assertEquals(List.of(2, 2, 2, 2, 1), pages.stream().map(List::size).toList());
    assertEquals(whole, pages.stream().flatMap(List::stream).toList());
  }

  @Test
  void aTokenBelongsToItsSearchAndStopWordsMatchNothing() {
    Room room = roomOfANewWorkspace();
    messenger.post(room, AUTHOR, "release notes");
    messenger.post(room, AUTHOR, "release party");
    String token = search(request(room, "release").setPageSize(1)).getNextPageToken();

    assertEquals(1, search(request(room, "release").setPageSize(1).setPageToken(token)).getResultsCount());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> search(request(room, "notes").setPageToken(token)));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> search(request(room, "release").setRoomId(room.getRoomId())
        .setPageToken(token)));
    assertEquals(0, search(request(room, "the and of")).getResultsCount());
  }

  /** Each test searches a workspace of its own. */
  private static Room roomOfANewWorkspace() {
    return messenger.createRoom(UUID.randomUUID(), "general", AUTHOR);
  }

  /** A search of the room's workspace. */
  private static SearchMessagesRequest.Builder request(Room room, String query) {
    return SearchMessagesRequest.newBuilder().setWorkspaceId(room.getWorkspaceId()).setQuery(query);
  }

  private static SearchMessagesResponse search(SearchMessagesRequest.Builder request) {
    return messenger.stub().searchMessages(request.build());
  }

  private static List<String> resultIds(List<SearchResult> results) {
    return results.stream().map(result -> result.getMessage().getMessageId()).toList();
  }

  private static List<String> ids(Message... messages) {
    return MessengerClient.ids(List.of(messages));
  }
}
