package dev.polystore.archfixture.messenger.domain;

import io.grpc.Status;

/** Violates domain purity: a rule that answers in gRPC statuses. */
public final class DomainSpeaksGrpc {
  public Status check(String body) {
    return body.isEmpty() ? Status.INVALID_ARGUMENT : Status.OK;
  }
}
