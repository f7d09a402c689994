package dev.polystore.platform.vector;

import dev.polystore.platform.errors.OutageClassifier;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/**
 * Vector store failures that mean "cannot be reached now" (UNAVAILABLE). The turbopuffer client
 * already answers UNAVAILABLE after its retries; this covers a failure that escapes it.
 */
public final class VectorOutages implements OutageClassifier {
  @Override
  public boolean isOutage(Throwable failure) {
    return failure instanceof ConnectException || failure instanceof HttpTimeoutException;
  }

  /** No connection could be made; a timeout may have left the write done. */
  @Override
  public boolean provesNotRun(Throwable failure) {
    return failure instanceof ConnectException;
  }
}
