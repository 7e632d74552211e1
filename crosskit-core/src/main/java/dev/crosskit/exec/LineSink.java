package dev.crosskit.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete line (without its newline) to a consumer: how a
 * caller follows a long-running process's output as it comes (Cargo's messages, apt's progress).
 * The last line is handed over on {@link #close} even without a newline.
 */
public final class LineSink extends OutputStream {
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();
  private final Consumer<String> sink;

  public LineSink(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      sink.accept(current.toString(StandardCharsets.UTF_8));
      current.reset();
    } else {
      current.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public synchronized void close() {
    if (current.size() > 0) {
      sink.accept(current.toString(StandardCharsets.UTF_8));
      current.reset();
    }
  }
}
