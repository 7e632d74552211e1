package dev.crosskit.sysroot;

import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a gcc cross compiler keeps outside any sysroot and a sysroot build must still see:
 * its own header directory (stddef.h, stdarg.h, arm_neon.h, ...) and its C++ library headers.
 *
 * @param compiler the C compiler asked, e.g. {@code aarch64-linux-gnu-gcc}
 * @param includeDir gcc's private header directory ({@code gcc -print-file-name=include})
 * @param cxxIncludeDirs libstdc++'s header directories, in search order; empty without g++
 */
public record GccProbe(String compiler, String includeDir, List<String> cxxIncludeDirs) {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  public GccProbe {
    cxxIncludeDirs = List.copyOf(cxxIncludeDirs);
  }

  /** Asks {@code <prefix>gcc} and {@code <prefix>g++} (e.g. prefix {@code aarch64-linux-gnu-}). */
  public static GccProbe probe(String prefix, ProcessRunner runner) {
    String gcc = prefix + "gcc";
    Result inc = runner.capture(Command.of(gcc, "-print-file-name=include").withTimeout(TIMEOUT));
    if (!inc.ok() || !inc.output().strip().startsWith("/")) {
      throw new FailedException(gcc + " is not usable (" + inc.tail(1) + "); install it, e.g. apt-get install gcc-"
          + prefix.replaceAll("-$", "").replace('_', '-'));
    }
    List<String> cxx = new ArrayList<>();
    Result v = runner.capture(Command.of(prefix + "g++", "-xc++", "-E", "-v", "/dev/null").withTimeout(TIMEOUT));
    if (v.ok()) {
      cxx.addAll(cxxDirs(v.error()));
    }
    return new GccProbe(gcc, inc.output().strip(), cxx);
  }

  /** The C++ directories of a {@code g++ -E -v} search list ("#include <...> search starts here:"). */
  static List<String> cxxDirs(String verbose) {
    List<String> dirs = new ArrayList<>();
    boolean inList = false;
    for (String line : verbose.split("\n")) {
      if (line.startsWith("#include <...> search starts here")) {
        inList = true;
      } else if (line.startsWith("End of search list")) {
        break;
      } else if (inList && line.startsWith(" ") && line.contains("/c++/")) {
        dirs.add(java.nio.file.Path.of(line.strip()).normalize().toString());
      }
    }
    return dirs;
  }
}
