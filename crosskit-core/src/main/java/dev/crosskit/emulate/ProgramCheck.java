package dev.crosskit.emulate;

import dev.crosskit.target.Target;
import dev.crosskit.target.TargetCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A quick look at a program's first bytes before it is handed to an emulator, so that running an
 * x86_64 binary "as aarch64" gets a clear sentence instead of QEMU's "Invalid ELF image".
 * Only the header fields that pick the runner are read (the inspect package does the full job).
 */
public final class ProgramCheck {
  private ProgramCheck() {}

  /** Why {@code program} cannot be a {@code target} program, or empty when it can. */
  public static Optional<String> mismatch(Path program, Target target) {
    byte[] head = new byte[20];
    int n;
    try (InputStream in = Files.newInputStream(program)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return Optional.of("cannot read " + program + ": " + e.getMessage());
    }
    boolean pe = n >= 2 && head[0] == 'M' && head[1] == 'Z';
    boolean elf = n >= 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    if (target.isWindows()) {
      return pe ? Optional.empty() : Optional.of(program + " is not a Windows program (no MZ header)"
          + (elf ? ": it is an ELF file" : ""));
    }
    if ("elf".equals(target.fields().get("binary"))) {
      if (!elf) {
        return Optional.of(program + " is not an ELF program" + (pe ? ": it is a Windows program (try --target x86_64-windows-gnu)" : ""));
      }
      boolean big = head[5] == 2;
      int machine = big ? (head[18] & 0xff) << 8 | (head[19] & 0xff) : (head[18] & 0xff) | (head[19] & 0xff) << 8;
      String expected = target.fields().get("elfMachine");
      if (expected != null && Integer.parseInt(expected) != machine) {
        return Optional.of(program + " is an ELF program for " + archOf(machine) + ", not for " + target.name());
      }
    }
    return Optional.empty();
  }

  private static String archOf(int machine) {
    for (Target t : TargetCatalog.builtIn().all()) {
      if (String.valueOf(machine).equals(t.fields().get("elfMachine"))) {
        return t.arch() + " (ELF machine " + machine + ")";
      }
    }
    return "ELF machine " + machine;
  }
}
