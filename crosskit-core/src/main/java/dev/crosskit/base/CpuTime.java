package dev.crosskit.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * CPU time (user + system) of this JVM and of the child processes it has waited for, which
 * include theirs in turn — the compilers, emulators and tests a run started. Read from
 * {@code /proc/self/stat} in clock ticks (USER_HZ, 100 on Linux whatever the kernel's HZ).
 * Processes that were orphaned and reaped by someone else are not counted.
 */
public final class CpuTime {
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuTime() {}

  /** Seconds so far, or empty where /proc cannot be read. */
  public static OptionalDouble seconds() {
    try {
      return OptionalDouble.of(parse(Files.readString(Path.of("/proc/self/stat"))));
    } catch (IOException | RuntimeException unreadable) {
      return OptionalDouble.empty();
    }
  }

  /** utime + stime + cutime + cstime (fields 14 to 17) of a stat line, in seconds. */
  static double parse(String stat) {
    // the command name (field 2) may hold spaces and parentheses: count from its closing one
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    long ticks = 0;
    for (int field = 14; field <= 17; field++) {
      ticks += Long.parseLong(f[field - 3]);
    }
    return ticks / TICKS_PER_SECOND;
  }
}
