package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.polystore.platform.errors.OutageClassifier;
import java.util.List;

/**
 * Driver failures that mean "the store cannot serve this now", seen as UNAVAILABLE (retryable):
 * no node reachable (NoNodeAvailableException is an AllNodesFailedException), the request timed
 * out, a connection broke, or the coordinator could not reach enough replicas in time.
 */
public final class CassandraOutages implements OutageClassifier {
  @Override
  public boolean isOutage(Throwable failure) {
    return failure instanceof AllNodesFailedException
        || failure instanceof DriverTimeoutException
        || failure instanceof ClosedConnectionException
        || failure instanceof ConnectionInitException
        || failure instanceof HeartbeatException
        || failure instanceof BusyConnectionException
        // Read/write timeouts and failures: the coordinator answered, its replicas did not.
        || failure instanceof QueryConsistencyException
        || failure instanceof UnavailableException
        || failure instanceof OverloadedException
        || failure instanceof BootstrappingException;
  }

  /** No node could be reached, or the coordinator refused the request before running it. */
  @Override
  public boolean provesNotRun(Throwable failure) {
    if (failure instanceof AllNodesFailedException all && !(failure instanceof NoNodeAvailableException)) {
      // Tried every node: not run only if every node's error says so (a timeout on one may have run it).
      return all.getAllErrors().values().stream().flatMap(List::stream).allMatch(this::provesNotRun);
    }
    return failure instanceof NoNodeAvailableException
        || failure instanceof ConnectionInitException
        || failure instanceof BusyConnectionException
        || failure instanceof UnavailableException
        || failure instanceof OverloadedException
        || failure instanceof BootstrappingException;
  }
}
