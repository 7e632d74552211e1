package dev.crosskit.emulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Ports for QEMU's gdbstub: a free one, and whether the emulator listens on it yet. The check
 * reads the kernel's socket tables rather than connecting, because QEMU takes the first
 * connection as its debugger.
 */
public final class GdbPort {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String LISTEN = "0A";

  private GdbPort() {}

  /** A TCP port nothing listens on now (the kernel's choice). */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free TCP port for gdb", e);
    }
  }

  /** True when some socket listens on {@code port} (any address). */
  public static boolean listening(int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (Path table : TABLES) {
      try {
        for (String line : Files.readAllLines(table)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
            return true;
          }
        }
      } catch (IOException e) {
        // no IPv6 table on this kernel: the other one answers
      }
    }
    return false;
  }
}
