package dev.polystore.platform.vector.turbopuffer;

/**
 * turbopuffer refused a request with a 4xx other than 429: a bug of ours or a bad setting, never
 * retried. The message names the request, the status and turbopuffer's own explanation.
 */
public final class TurbopufferException extends RuntimeException {
  private final int status;

  public TurbopufferException(String request, int status, String error) {
    super("turbopuffer refused " + request + ": HTTP " + status + hint(status) + ": " + error);
    this.status = status;
  }

  public int status() {
    return status;
  }

  private static String hint(int status) {
    return status == 401 || status == 403 ? " (check " + TurbopufferConfig.API_KEY + ")" : "";
  }
}
