package dev.polystore.platform.valkey;

import dev.polystore.platform.errors.OutageClassifier;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.cluster.PartitionException;
import java.io.IOException;
import java.util.List;

/** Valkey failures that mean "the store cannot be reached now", seen as UNAVAILABLE. */
public final class ValkeyOutages implements OutageClassifier {
  /** Server errors of a cluster that is failing over, resharding or starting; all pass by themselves. */
  private static final List<String> TRANSIENT_ERRORS =
      List.of("CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "LOADING", "READONLY", "BUSY");
  /** What Lettuce says when a command meets a connection that is down (see DisconnectedBehavior.REJECT_COMMANDS). */
  private static final List<String> DISCONNECTED =
      List.of("Currently not connected", "Connection closed", "Connection disconnected", "Not connected");

  @Override
  public boolean isOutage(Throwable failure) {
    if (failure instanceof RedisConnectionException || failure instanceof RedisCommandTimeoutException
        || failure instanceof RedisLoadingException || failure instanceof RedisBusyException
        || failure instanceof PartitionException || failure instanceof IOException) {
      return true;
    }
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof RedisCommandExecutionException) {
      return TRANSIENT_ERRORS.stream().anyMatch(message::startsWith);
    }
    if (failure instanceof RedisException) {
      return DISCONNECTED.stream().anyMatch(message::startsWith);
    }
    return false;
  }

  /** Not connected (commands are rejected, not queued), or the server refused the command. */
  @Override
  public boolean provesNotRun(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof RedisConnectionException) {
      return true;
    }
    if (failure instanceof RedisCommandExecutionException) {
      return TRANSIENT_ERRORS.stream().anyMatch(message::startsWith);
    }
    return failure instanceof RedisException && !(failure instanceof RedisCommandTimeoutException)
        && DISCONNECTED.stream().anyMatch(message::startsWith);
  }
}
