package dev.polystore.archfixture.messenger.store;

import com.google.protobuf.Timestamp;

/** Violates the store's ignorance of the wire format: a query returning a protobuf type. */
public final class StoreSpeaksProtobuf {
  public Timestamp lastPosted() {
    return Timestamp.getDefaultInstance();
  }
}
