package dev.polystore.seeder;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** A file to upload: name, type and bytes from the seed, so a second run declares the same file. */
public record FileContent(String filename, String contentType, byte[] bytes) {
  /** A small CSV or text file of generated sentences, 1 to 64 KiB. */
  public static FileContent small(Keys keys, int workspace, int file) {
    SplittableRandom random = keys.random("file:" + workspace + ":" + file);
    int target = 1024 + random.nextInt(63 * 1024);
    StringBuilder text = new StringBuilder();
    boolean csv = file % 3 == 2;
    if (csv) {
      text.append("id,note\n");
    }
    for (int line = 0; text.length() < target; line++) {
      text.append(csv ? line + ",\"" + TextGenerator.sentence(random) + "\"" : TextGenerator.sentence(random)).append('\n');
    }
    String name = TextGenerator.topic(workspace + file) + "-notes-" + file + (csv ? ".csv" : ".txt");
    return new FileContent(name, csv ? "text/csv" : "text/plain", text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A large binary file (a zip by name only) of pseudo-random bytes, for the multipart path. */
  public static FileContent big(Keys keys, int bytes) {
    byte[] data = new byte[bytes];
    SplittableRandom random = keys.random("bigfile");
    for (int i = 0; i < bytes; i += 8) {
      long value = random.nextLong();
      for (int j = 0; j < 8 && i + j < bytes; j++) {
        data[i + j] = (byte) (value >>> (8 * j));
      }
    }
    return new FileContent("archive-" + (bytes >> 20) + "mib.zip", "application/zip", data);
  }

  public String sha256() {
    return Uploader.sha256(bytes);
  }
}
