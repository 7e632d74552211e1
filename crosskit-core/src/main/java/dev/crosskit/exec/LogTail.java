package dev.crosskit.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the end of a step's log file: the log can be gigabytes, or one line of a gigabyte. */
public final class LogTail {
  /** A line of the tail longer than this is cut. */
  static final int MAX_LINE_CHARS = 4096;
  /** How much of a log's end {@link #lastLines} reads. */
  private static final int TAIL_BYTES = 64 * 1024;

  private LogTail() {}

  /** The last {@code n} lines of the log, read from its last 64 KiB only; empty when it cannot be read. */
  public static String lastLines(Path log, int n) {
    try (SeekableByteChannel ch = Files.newByteChannel(log)) {
      long size = ch.size();
      int len = (int) Math.min(size, TAIL_BYTES);
      ByteBuffer buf = ByteBuffer.allocate(len);
      ch.position(size - len);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read the end
      }
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      String[] lines = text.strip().split("\n");
      int from = Math.max(0, lines.length - n);
      StringBuilder sb = new StringBuilder();
      for (int i = from; i < lines.length; i++) {
        String l = lines[i].length() > MAX_LINE_CHARS ? lines[i].substring(0, MAX_LINE_CHARS) + " [cut]" : lines[i];
        sb.append(i > from ? "\n" : "").append(l);
      }
      return sb.toString();
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "";
    }
  }
}
