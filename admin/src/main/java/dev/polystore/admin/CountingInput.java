package dev.polystore.admin;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports the bytes read through it to a {@link Progress}. */
final class CountingInput extends FilterInputStream {
  private final Progress progress;

  CountingInput(InputStream in, Progress progress) {
    super(in);
    this.progress = progress;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      progress.add(n);
    }
    return n;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      progress.add(1);
    }
    return b;
  }
}
