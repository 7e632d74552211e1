package dev.crosskit.base;

import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link FilesTest} in a JVM under a given umask: writes what crosskit writes, into args[0]. */
public final class UmaskProbe {
  private UmaskProbe() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    AtomicFiles.write(out.resolve("written.json"), "{}");
    Path plain = Files.writeString(out.resolve("plain.json"), "{}");
    AtomicFiles.copy(plain, out.resolve("copied.json"));
    try (StagedDirectory staged = new StagedDirectory(out.resolve("staged"))) {
      Files.writeString(staged.path().resolve("inside.txt"), "x");
      staged.commit();
    }
  }
}
