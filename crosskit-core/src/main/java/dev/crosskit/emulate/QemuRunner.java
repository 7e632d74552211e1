package dev.crosskit.emulate;

import dev.crosskit.exec.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QEMU user-mode emulation. With a sysroot the emulator gets both {@code -L <sysroot>} and
 * {@code -E LD_LIBRARY_PATH=<sysroot>/lib}: with {@code -L} alone, a host that has any multiarch
 * package of the target arch makes the cross {@code ld.so} load that arch's {@code libc.so.6}
 * through the host's {@code /etc/ld.so.cache}, and a threaded program then spins forever.
 *
 * @param emulator {@code qemu-<arch>-static} or {@code qemu-<arch>}
 * @param sysroot the target's libraries, or null for static programs only
 * @param options the options before the program: {@code -L}/{@code -E} for the sysroot, {@code -cpu} where
 *     QEMU's default CPU is newer than the target's (armv6)
 */
public record QemuRunner(Path emulator, Path sysroot, List<String> options) implements Runner {
  public QemuRunner {
    options = List.copyOf(options);
  }

  /** The runner for a sysroot whose libraries are in {@code <sysroot>/lib} (Debian's /usr/<triple>). */
  public QemuRunner(Path emulator, Path sysroot) {
    this(emulator, sysroot, sysrootOptions(sysroot, List.of("lib")));
  }

  /** {@code -L <sysroot> -E LD_LIBRARY_PATH=<dirs>} for library directories relative to the sysroot. */
  public static List<String> sysrootOptions(Path sysroot, List<String> libDirs) {
    if (sysroot == null) {
      return List.of();
    }
    List<String> abs = libDirs.stream().map(d -> sysroot.resolve(d).toString()).toList();
    return List.of("-L", sysroot.toString(), "-E", "LD_LIBRARY_PATH=" + String.join(":", abs));
  }

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
    argv.addAll(options);
    return argv;
  }

  /**
   * QEMU user-mode's {@code -g PORT}: the program stops before its first instruction until gdb
   * attaches. (QEMU 7.2 takes a port only, and listens on every interface for it.)
   */
  @Override
  public Optional<Command> withGdbStub(Command c, int port) {
    List<String> stub = new ArrayList<>(prefix());
    stub.addAll(List.of("-g", Integer.toString(port)));
    return Optional.of(c.prefixed(stub).withEnv(env()));
  }

  /** Empty: {@code -L}/{@code -E} are in the prefix (QEMU_LD_PREFIX is for binfmt_misc runs). */
  @Override
  public Map<String, String> env() {
    return Map.of();
  }
}
