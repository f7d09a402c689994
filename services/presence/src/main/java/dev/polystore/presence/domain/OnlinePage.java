package dev.polystore.presence.domain;

import java.util.List;

/**
 * One page of ListOnline.
 *
 * @param nextPageToken empty on the last page
 */
public record OnlinePage(List<UserPresence> users, String nextPageToken) {

  public OnlinePage {
    users = List.copyOf(users);
  }
}
