package dev.polystore.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where an export lives: {@code s3://bucket/prefix}; every object of it is under the prefix. */
public record BackupLocation(String bucket, String prefix) {
  private static final Pattern URL = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*?))?/?");

  public static BackupLocation parse(String option, String value) {
    Matcher m = URL.matcher(value);
    if (!m.matches() || m.group(2) == null || m.group(2).isEmpty()) {
      throw new AdminFailure("--" + option + " must be s3://bucket/prefix, was '" + value + "'");
    }
    return new BackupLocation(m.group(1), m.group(2));
  }

  public String key(String name) {
    return prefix + "/" + name;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
