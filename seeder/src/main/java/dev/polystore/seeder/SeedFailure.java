package dev.polystore.seeder;

import io.grpc.Status;

/** A call the seeder cannot go on without failed: names the call and the status, for the exit message. */
public final class SeedFailure extends RuntimeException {
  public final String call;
  public final Status status;

  public SeedFailure(String call, Status status) {
    super(call + " failed: " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()),
        status.getCause());
    this.call = call;
    this.status = status;
  }

  public SeedFailure(String call, String problem) {
    this(call, Status.UNKNOWN.withDescription(problem));
  }
}
