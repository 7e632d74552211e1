package dev.crosskit.emulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's binfmt_misc registrations, read from {@code /proc/sys/fs/binfmt_misc}: whether
 * a foreign ELF file can be executed directly (as test suites that exec their own binaries do).
 */
public final class Binfmt {
  public static final Path DEFAULT_DIR = Path.of("/proc/sys/fs/binfmt_misc");
  private final Path dir;

  public Binfmt(Path dir) {
    this.dir = dir;
  }

  public static Binfmt system() {
    return new Binfmt(DEFAULT_DIR);
  }

  public Path dir() {
    return dir;
  }

  /** True when binfmt_misc is mounted (its {@code status} file exists). */
  public boolean mounted() {
    return Files.exists(dir.resolve("status"));
  }

  /** True when a handler such as {@code qemu-aarch64} is registered and enabled. */
  public boolean enabled(String handler) {
    Path entry = dir.resolve(handler);
    try {
      List<String> lines = Files.readAllLines(entry);
      return !lines.isEmpty() && lines.get(0).trim().equals("enabled");
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
