package dev.polystore.files;

import dev.polystore.files.domain.UploadLimits;
import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The files service's own settings, beside the stores' (see DESIGN.md). */
final class FilesConfig {
  static final String CONTENT_TYPES = "FILES_ALLOWED_CONTENT_TYPES";
  static final String MAX_SIZE_MIB = "FILES_MAX_SIZE_MIB";
  static final String MULTIPART_THRESHOLD_MIB = "FILES_MULTIPART_THRESHOLD_MIB";
  static final String PART_SIZE_MIB = "FILES_PART_SIZE_MIB";
  static final String UPLOAD_URL_TTL_SECONDS = "FILES_UPLOAD_URL_TTL_SECONDS";
  static final String PENDING_TTL_SECONDS = "FILES_PENDING_TTL_SECONDS";
  static final String DOWNLOAD_URL_TTL_SECONDS = "FILES_DOWNLOAD_URL_TTL_SECONDS";
  static final String CLEANUP_INTERVAL_SECONDS = "FILES_CLEANUP_INTERVAL_SECONDS";

  static final String DEFAULT_CONTENT_TYPES = "image/png,image/jpeg,image/gif,image/webp,application/pdf,"
      + "text/plain,text/csv,application/zip,video/mp4,audio/mpeg";
  private static final long MIB = 1024L * 1024;
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

  private FilesConfig() {}

  static UploadLimits limits(Env env) {
    Set<String> types = Arrays.stream(env.string(CONTENT_TYPES, DEFAULT_CONTENT_TYPES).split(","))
        .map(String::trim).filter(type -> !type.isEmpty()).collect(Collectors.toSet());
    for (String type : types) {
      if (!MEDIA_TYPE.matcher(type).matches()) {
        throw new ConfigException(CONTENT_TYPES, "'" + type + "' is not a lowercase type/subtype");
      }
    }
    if (types.isEmpty()) {
      throw new ConfigException(CONTENT_TYPES, "allows no type");
    }
    long maxSize = env.integer(MAX_SIZE_MIB, 5 * 1024, 1, 5 * 1024 * 1024) * MIB;
    long threshold = env.integer(MULTIPART_THRESHOLD_MIB, 100, 5, 5 * 1024) * MIB;
    // S3 wants parts of at least 5 MiB (all but the last) and at most 5 GiB.
    long partSize = env.integer(PART_SIZE_MIB, 64, 5, 5 * 1024) * MIB;
    if ((maxSize + partSize - 1) / partSize > UploadLimits.MAX_PARTS) {
      throw new ConfigException(PART_SIZE_MIB, "too small for " + MAX_SIZE_MIB + ": S3 takes at most "
          + UploadLimits.MAX_PARTS + " parts");
    }
    return new UploadLimits(types, maxSize, threshold, partSize,
        Duration.ofSeconds(env.integer(UPLOAD_URL_TTL_SECONDS, 900, 1, 7 * 24 * 3600)),
        Duration.ofSeconds(env.integer(PENDING_TTL_SECONDS, 24 * 3600, 1, 30 * 24 * 3600)),
        Duration.ofSeconds(env.integer(DOWNLOAD_URL_TTL_SECONDS, 300, 1, 3600)));
  }

  static Duration cleanupInterval(Env env) {
    return Duration.ofSeconds(env.integer(CLEANUP_INTERVAL_SECONDS, 600, 1, 24 * 3600));
  }
}
