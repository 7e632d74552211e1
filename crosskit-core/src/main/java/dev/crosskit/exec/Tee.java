package dev.crosskit.exec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A logged command's output, written to the log file, the in-memory tail and the line reader
 * at once ({@link ProcessRunner#toLog(Command, java.nio.file.Path, java.util.function.Consumer)}).
 */
final class Tee extends OutputStream {
  private final OutputStream file;
  private final OutputTail tail;
  private final LineSplitter lines;

  /** @param lines null when nobody reads the lines */
  Tee(OutputStream file, OutputTail tail, LineSplitter lines) {
    this.file = file;
    this.tail = tail;
    this.lines = lines;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    synchronized (file) {
      file.write(b, off, len);
    }
    tail.write(b, off, len);
    if (lines != null) {
      lines.write(b, off, len);
    }
  }
}
