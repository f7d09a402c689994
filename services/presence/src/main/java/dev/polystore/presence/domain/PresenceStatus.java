package dev.polystore.presence.domain;

/**
 * How available a user is. The codes are the contract's enum numbers and the store's; when a user is
 * online on several devices the lowest code wins: ONLINE over BUSY over AWAY.
 */
public enum PresenceStatus {
  ONLINE(1),
  BUSY(2),
  AWAY(3),
  OFFLINE(4);

  private final int code;

  PresenceStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static PresenceStatus ofCode(int code) {
    for (PresenceStatus status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    throw new IllegalArgumentException("no presence status with code " + code);
  }
}
