package dev.crosskit.exec;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a process's output into lines for a reader (a test-result parser) as it streams. Each
 * line is cut after {@link #MAX_LINE_BYTES} bytes, with a note of how much was cut, so an endless
 * line never grows the heap. After {@link #close} nothing more is delivered: a process's escaped
 * child still writing cannot reach a reader whose results were already taken.
 */
public final class LineSplitter extends OutputStream {
  /** No test runner's result line comes near this. */
  public static final int MAX_LINE_BYTES = 16 * 1024;

  private final Consumer<String> lines;
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private int length;
  private long cut;
  private boolean closed;
  private RuntimeException failure;

  public LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (closed) {
      return;
    }
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        append(b, start, i - start);
        deliver();
        if (closed) {
          return; // the reader failed
        }
        start = i + 1;
      }
    }
    append(b, start, end - start);
  }

  private void append(byte[] b, int off, int len) {
    int room = MAX_LINE_BYTES - length;
    int n = Math.min(room, len);
    System.arraycopy(b, off, line, length, n);
    length += n;
    cut += len - n;
  }

  private void deliver() {
    String text = new String(line, 0, length, StandardCharsets.UTF_8) + (cut > 0 ? " [" + cut + " more bytes]" : "");
    length = 0;
    cut = 0;
    try {
      lines.accept(text);
    } catch (RuntimeException e) {
      // the output must keep flowing to the log (a stalled pipe would hang the process until its
      // timeout): stop reading lines and report the reader's failure at close
      failure = e;
      closed = true;
    }
  }

  /** Delivers an unfinished last line, then stops; rethrows what the reader threw, if it did. */
  @Override
  public synchronized void close() {
    if (!closed && (length > 0 || cut > 0)) {
      deliver();
    }
    closed = true;
    if (failure != null) {
      throw failure;
    }
  }
}
