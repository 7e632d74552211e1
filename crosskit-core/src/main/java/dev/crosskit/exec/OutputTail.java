package dev.crosskit.exec;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The end of a process's output, kept in memory within fixed bounds: the last
 * {@code maxBytes} bytes (a ring, so a flood of output costs no allocation and one endless
 * line is bounded too), shown as at most {@code maxLines} lines. The whole output goes to the
 * log file; this is what a failure report shows from it.
 */
public final class OutputTail extends OutputStream {
  public static final int DEFAULT_LINES = 100;
  public static final int DEFAULT_BYTES = 64 * 1024;

  private final int maxLines;
  private final byte[] ring;
  private long written;

  public OutputTail() {
    this(DEFAULT_LINES, DEFAULT_BYTES);
  }

  public OutputTail(int maxLines, int maxBytes) {
    this.maxLines = maxLines;
    this.ring = new byte[maxBytes];
  }

  @Override
  public synchronized void write(int b) {
    ring[(int) (written++ % ring.length)] = (byte) b;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (len >= ring.length) {
      off += len - ring.length;
      written += len - ring.length;
      len = ring.length;
    }
    int at = (int) (written % ring.length);
    int first = Math.min(len, ring.length - at);
    System.arraycopy(b, off, ring, at, first);
    System.arraycopy(b, off + first, ring, 0, len - first);
    written += len;
  }

  /**
   * The last lines, '\n'-separated; when the kept bytes start inside a line, that line begins
   * with a note of how much of the output came before.
   */
  public synchronized String text() {
    int kept = (int) Math.min(written, ring.length);
    byte[] bytes = new byte[kept];
    int start = (int) ((written - kept) % ring.length);
    int first = Math.min(kept, ring.length - start);
    System.arraycopy(ring, start, bytes, 0, first);
    System.arraycopy(ring, 0, bytes, first, kept - first);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (written > kept) {
      text = "[" + (written - kept) + " earlier bytes] " + text;
    }
    String[] lines = text.split("\n", -1);
    int end = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    int from = Math.max(0, end - maxLines);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, end));
  }
}
