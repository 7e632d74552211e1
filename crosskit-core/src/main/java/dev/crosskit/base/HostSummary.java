package dev.crosskit.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One line about the machine a run used, for its report: the distribution, the kernel, the
 * architecture and the cores ("Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64, amd64, 2 cores").
 * No host name or user: reports travel as CI artifacts.
 */
public final class HostSummary {
  private HostSummary() {}

  public static String describe() {
    String distro = prettyName(Path.of("/etc/os-release"));
    int cores = Runtime.getRuntime().availableProcessors();
    return (distro == null ? "" : distro + ", ") + System.getProperty("os.name") + " "
        + System.getProperty("os.version")
        + ", " + System.getProperty("os.arch") + ", " + cores + (cores == 1 ? " core" : " cores");
  }

  /** PRETTY_NAME of an os-release file, or null. */
  static String prettyName(Path osRelease) {
    try {
      for (String line : Files.readAllLines(osRelease)) {
        if (line.toUpperCase(Locale.ROOT).startsWith("PRETTY_NAME=")) {
          String v = line.substring(line.indexOf('=') + 1).strip();
          if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) && v.endsWith(v.substring(0, 1))) {
            v = v.substring(1, v.length() - 1);
          }
          return v.isEmpty() ? null : v;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // the summary goes without it
    }
    return null;
  }
}
