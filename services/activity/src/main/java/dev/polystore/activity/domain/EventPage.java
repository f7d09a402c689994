package dev.polystore.activity.domain;

import java.util.List;

/** One page of events, newest first, and the token of the next page ("" on the last). */
public record EventPage(List<Event> events, String nextPageToken) {
  public EventPage {
    events = List.copyOf(events);
  }
}
