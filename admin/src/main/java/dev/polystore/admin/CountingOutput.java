package dev.polystore.admin;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Reports the bytes written through it to a {@link Progress}. */
final class CountingOutput extends FilterOutputStream {
  private final Progress progress;

  CountingOutput(OutputStream out, Progress progress) {
    super(out);
    this.progress = progress;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    progress.add(len);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    progress.add(1);
  }
}
