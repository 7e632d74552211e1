package dev.crosskit.pack;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream whose header is always the same: no file name, mtime 0, XFL 0, OS 255
 * ("unknown"). {@link java.util.zip.GZIPOutputStream} changed its OS byte between JDK
 * releases, so its header is not a stable input to a digest; this writes the header itself.
 */
public final class DeterministicGzip extends FilterOutputStream {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private final CRC32 crc = new CRC32();
  private final byte[] buf = new byte[64 * 1024];
  private long length;
  private boolean finished;

  public DeterministicGzip(OutputStream out) throws IOException {
    super(out);
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    crc.update(b, off, len);
    length += len;
    deflater.setInput(b, off, len);
    while (!deflater.needsInput()) {
      drain();
    }
  }

  private void drain() throws IOException {
    int n = deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
    if (n > 0) {
      out.write(buf, 0, n);
    }
  }

  /** Writes the rest of the compressed data and the trailer (CRC-32, length mod 2^32). */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    deflater.finish();
    while (!deflater.finished()) {
      drain();
    }
    deflater.end();
    long c = crc.getValue();
    long l = length & 0xffffffffL;
    out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
        (byte) l, (byte) (l >> 8), (byte) (l >> 16), (byte) (l >> 24)});
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }
}
