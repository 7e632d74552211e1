package dev.crosskit.rust;

import dev.crosskit.base.Deletion;
import dev.crosskit.base.FailedException;
import dev.crosskit.emulate.WineRunner;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What Wine needs to run Rust programs: Rust's std imports {@code ProcessPrng} from
 * {@code bcryptprimitives.dll}, which Wine 8 lacks, so a two-function stub DLL is compiled once
 * with the MinGW compiler into crosskit's cache and put on WINEPATH.
 */
public final class WineRustSupport {
  static final String DLL = "bcryptprimitives.dll";
  private static final String COMPILER = "x86_64-w64-mingw32-gcc";

  private WineRustSupport() {}

  /** The same Wine runner with the stub DLL's directory first on WINEPATH (the stub built if needed). */
  public static WineRunner withProcessPrng(WineRunner wine, Path crosskitHome, ProcessRunner processes) {
    Path dir = crosskitHome.resolve("rust").resolve("wine-dlls");
    ensureStub(dir, processes);
    List<Path> dirs = new ArrayList<>();
    dirs.add(dir);
    dirs.addAll(wine.dllDirs());
    return new WineRunner(wine.wine(), wine.winePrefix(), dirs);
  }

  static synchronized void ensureStub(Path dir, ProcessRunner processes) {
    Path dll = dir.resolve(DLL);
    if (Files.isRegularFile(dll)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path work = Files.createTempDirectory(dir, ".build-");
      try {
        for (String f : List.of("bcryptprimitives.c", "bcryptprimitives.def")) {
          try (InputStream in = WineRustSupport.class.getResourceAsStream("/dev/crosskit/rust/" + f)) {
            Files.copy(in, work.resolve(f));
          }
        }
        Result r = processes.capture(Command.of(COMPILER, "-shared", "-O2", "-o", DLL, "bcryptprimitives.c",
            "bcryptprimitives.def", "-ladvapi32").withCwd(work).withTimeout(Duration.ofMinutes(2)));
        if (!r.ok()) {
          throw new FailedException("cannot build the " + DLL + " stub Rust programs need under Wine with " + COMPILER
              + " (apt-get install gcc-mingw-w64-x86-64): " + r.tail(5));
        }
        Files.move(work.resolve(DLL), dll, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Deletion.tree(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + dll, e);
    }
  }
}
