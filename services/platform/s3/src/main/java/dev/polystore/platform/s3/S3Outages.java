package dev.polystore.platform.s3;

import dev.polystore.platform.errors.OutageClassifier;
import java.io.IOException;
import java.net.ConnectException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * S3 failures that mean "the store cannot serve this now", seen as UNAVAILABLE (retryable): the
 * SDK could not reach it (its SdkClientException wraps the I/O failure: connection refused or
 * reset, no response, a socket timeout), a call or attempt timed out, or S3 answered with a 5xx
 * (500 InternalError, 503 SlowDown) after the SDK's own retries.
 */
public final class S3Outages implements OutageClassifier {
  @Override
  public boolean isOutage(Throwable failure) {
    if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
      return true;
    }
    if (failure instanceof SdkServiceException service) {
      return service.statusCode() >= 500 || service.isThrottlingException();
    }
    return failure instanceof SdkClientException && causedByIo(failure);
  }

  /** Throttled (S3 refused the request), or no connection could be made. */
  @Override
  public boolean provesNotRun(Throwable failure) {
    if (failure instanceof SdkServiceException service) {
      return service.isThrottlingException();
    }
    for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static boolean causedByIo(Throwable failure) {
    for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
