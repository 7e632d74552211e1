package dev.crosskit.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The threads that copy a process's output out of it and its input into it, and a bounded capture buffer. */
final class Pumps {
  private static final int MAX_CAPTURE = 16 * 1024 * 1024;

  private Pumps() {}

  /** Copies {@code in} (a process's stdout or stderr) to {@code sink} until the process closes it. */
  static Thread pump(InputStream in, OutputStream sink) {
    return Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (sink) {
            sink.write(buf, 0, n);
            sink.flush();
          }
        }
      } catch (IOException ignored) {
        // the process went away; what was read is kept
      }
    });
  }

  /** Copies {@code in} to the process's stdin, then closes it so the process sees end-of-file. */
  static Thread feed(InputStream in, OutputStream processStdin) {
    return Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[8192];
      try (processStdin) {
        int n;
        while ((n = in.read(buf)) > 0) {
          processStdin.write(buf, 0, n);
          processStdin.flush();
        }
      } catch (IOException ignored) {
        // the process closed its stdin or exited: the rest of the input is not wanted
      }
    });
  }

  /** A capture buffer that stops growing at {@link #MAX_CAPTURE} (keeps the start). */
  static final class BoundedBuffer extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int room = MAX_CAPTURE - count;
      if (room > 0) {
        super.write(b, off, Math.min(room, len));
      }
    }
  }
}
