package dev.crosskit.base;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Makes the special files that hostile-input tests put where crosskit expects regular ones. */
public final class SpecialFiles {
  private SpecialFiles() {}

  /** A named pipe: opening it for reading blocks until some writer opens it (none ever will). */
  public static Path fifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("mkfifo " + path + " failed");
    }
    return path;
  }

  /** A unix socket file; the channel is closed again, the file stays. */
  public static Path socket(Path path) throws IOException {
    try (ServerSocketChannel ch = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(path));
    }
    return path;
  }
}
