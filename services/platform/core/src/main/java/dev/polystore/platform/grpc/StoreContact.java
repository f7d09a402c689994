package dev.polystore.platform.grpc;

import io.grpc.Context;

/**
 * Whether a call's request may have reached its store, so that a late answer can be honest:
 * UNAVAILABLE promises the caller that nothing happened and invites an automatic retry, which is
 * only true while the request is still waiting for the store (for example for a pooled connection).
 *
 * <p>The deadline guard puts one in each call's Context. A binding that can tell says so:
 * {@link #awaitingStore()} before it waits for a connection, {@link #reached()} once it has one.
 * A binding that says nothing is taken to have reached its store as soon as the handler runs.
 */
public final class StoreContact {
  static final Context.Key<StoreContact> KEY = Context.key("polystore-store-contact");

  private volatile boolean tracked;
  private volatile boolean reached;

  StoreContact() {}

  /** The current call waits for its store and has not sent it anything yet. */
  public static void awaitingStore() {
    StoreContact contact = KEY.get();
    if (contact != null) {
      contact.tracked = true;
    }
  }

  /** The current call may have sent its request to the store from now on. */
  public static void reached() {
    StoreContact contact = KEY.get();
    if (contact != null) {
      contact.reached = true;
    }
  }

  /** For the current call (true outside one, where nothing is known). */
  static boolean currentMayHaveReached() {
    StoreContact contact = KEY.get();
    return contact == null || contact.mayHaveReached();
  }

  /** False only when a binding said the call is still waiting and never said it got through. */
  boolean mayHaveReached() {
    return reached || !tracked;
  }
}
