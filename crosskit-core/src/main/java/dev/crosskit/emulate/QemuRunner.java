package dev.crosskit.emulate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * QEMU user-mode emulation. With a sysroot the emulator gets both {@code -L <sysroot>} and
 * {@code -E LD_LIBRARY_PATH=<sysroot>/lib}: with {@code -L} alone, a host that has any multiarch
 * package of the target arch makes the cross {@code ld.so} load that arch's {@code libc.so.6}
 * through the host's {@code /etc/ld.so.cache}, and a threaded program then spins forever.
 *
 * @param emulator {@code qemu-<arch>-static} or {@code qemu-<arch>}
 * @param sysroot the target's libraries, or null for static programs only
 */
public record QemuRunner(Path emulator, Path sysroot) implements Runner {
  @Override
  public String name() {
    return "qemu-user";
  }

  @Override
  public boolean emulated() {
    return true;
  }

  @Override
  public List<String> prefix() {
    List<String> argv = new ArrayList<>();
    argv.add(emulator.toString());
    if (sysroot != null) {
      argv.addAll(List.of("-L", sysroot.toString(), "-E", "LD_LIBRARY_PATH=" + sysroot.resolve("lib")));
    }
    return argv;
  }

  /** Empty: {@code -L}/{@code -E} are in the prefix (QEMU_LD_PREFIX is for binfmt_misc runs). */
  @Override
  public Map<String, String> env() {
    return Map.of();
  }
}
