package dev.crosskit.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramCheckTest {
  private static final TargetResolver T = TargetResolver.builtIn();

  private static Path elf(Path dir, int machine, boolean bigEndian) throws Exception {
    byte[] b = new byte[64];
    b[0] = 0x7f; b[1] = 'E'; b[2] = 'L'; b[3] = 'F'; b[4] = 2; b[5] = (byte) (bigEndian ? 2 : 1);
    if (bigEndian) {
      b[18] = (byte) (machine >> 8); b[19] = (byte) machine;
    } else {
      b[18] = (byte) machine; b[19] = (byte) (machine >> 8);
    }
    return Files.write(dir.resolve("prog-" + machine), b);
  }

  @Test
  void acceptsTheTargetsMachineAndNamesAWrongOne(@TempDir Path dir) throws Exception {
    assertThat(ProgramCheck.mismatch(elf(dir, 183, false), T.target("aarch64-linux-gnu"))).isEmpty();
    assertThat(ProgramCheck.mismatch(elf(dir, 22, true), T.target("s390x-linux-gnu"))).isEmpty();
    assertThat(ProgramCheck.mismatch(elf(dir, 62, false), T.target("aarch64-linux-gnu")))
        .hasValueSatisfying(m -> assertThat(m).contains("for x86_64 (ELF machine 62), not for aarch64-linux-gnu"));
  }

  @Test
  void windowsWantsAPeImage(@TempDir Path dir) throws Exception {
    Path exe = Files.write(dir.resolve("a.exe"), new byte[] {'M', 'Z', 0, 0});
    assertThat(ProgramCheck.mismatch(exe, T.target("x86_64-windows-gnu"))).isEmpty();
    assertThat(ProgramCheck.mismatch(elf(dir, 62, false), T.target("x86_64-windows-gnu")))
        .hasValueSatisfying(m -> assertThat(m).contains("not a Windows program", "ELF"));
    assertThat(ProgramCheck.mismatch(exe, T.target("riscv64-linux-gnu")))
        .hasValueSatisfying(m -> assertThat(m).contains("it is a Windows program"));
    assertThat(ProgramCheck.mismatch(Files.write(dir.resolve("short"), new byte[0]), T.target("riscv64-linux-gnu")))
        .hasValueSatisfying(m -> assertThat(m).contains("not an ELF program"));
  }
}
