package dev.crosskit.emulate;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.Digests;
import dev.crosskit.exec.Command;
import dev.crosskit.target.Board;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QEMU system-mode for bare-metal programs: the program is the "kernel" of the board's machine,
 * and semihosting carries its output, its arguments and its exit status. The semihosting
 * console is a stdio chardev, so the program's output is QEMU's standard output (QEMU's own
 * fallback console writes to standard error). QEMU must never get a terminal as its standard
 * input ({@link #takesInput}): the stdio chardev would switch it to raw mode and leave it so when
 * QEMU is killed. There is no input to give anyway: QEMU 7.2's semihosting console reads nothing
 * useful.
 *
 * @param emulator {@code qemu-system-arm}, {@code qemu-system-riscv64}, ...
 * @param board the machine, CPU and memory layout the program was linked for
 * @param scriptDir where {@link #standaloneArgv}'s wrapper script is written (crosskit's cache)
 */
public record SystemQemuRunner(Path emulator, Board board, Path scriptDir) implements Runner {
  static final String CHARDEV = "semihost";
  private static final String SCRIPT = "/dev/crosskit/emulate/semihost-run.sh";

  @Override
  public String name() {
    return "qemu-system";
  }

  @Override
  public boolean emulated() {
    return true;
  }

  /** The machine: everything before the semihosting options and the program. */
  @Override
  public List<String> prefix() {
    List<String> argv = new ArrayList<>(List.of(emulator.toString(), "-M", board.qemuMachine()));
    board.cpu().ifPresent(cpu -> argv.addAll(List.of("-cpu", cpu)));
    argv.addAll(board.qemuOptions());
    argv.addAll(List.of("-display", "none", "-monitor", "none", "-serial", "none",
        "-chardev", "stdio,id=" + CHARDEV));
    return argv;
  }

  @Override
  public boolean takesInput() {
    return false;
  }

  @Override
  public Map<String, String> env() {
    return Map.of();
  }

  /** {@code QEMU ... -semihosting-config ...,arg=ARG... -kernel PROGRAM}. */
  @Override
  public Command wrap(Command c) {
    return new Command(argv(c.argv(), List.of()), c.env(), c.cwd(), c.timeout());
  }

  /** The same, stopped before the first instruction until gdb attaches to {@code 127.0.0.1:port}. */
  @Override
  public Optional<Command> withGdbStub(Command c, int port) {
    return Optional.of(new Command(argv(c.argv(), List.of("-gdb", "tcp:127.0.0.1:" + port, "-S")), c.env(), c.cwd(),
        c.timeout()));
  }

  private List<String> argv(List<String> program, List<String> extra) {
    List<String> argv = new ArrayList<>(prefix());
    argv.addAll(extra);
    StringBuilder config = new StringBuilder(semihostingConfig());
    List<String> args = program.subList(1, program.size());
    if (args.isEmpty()) {
      config.append(",arg="); // else QEMU hands the program its own file name as the only argument
    }
    args.forEach(a -> config.append(",arg=").append(a.replace(",", ",,")));
    argv.addAll(List.of("-semihosting-config", config.toString(), "-kernel", program.get(0)));
    return argv;
  }

  private static String semihostingConfig() {
    return "enable=on,target=native,chardev=" + CHARDEV;
  }

  /**
   * For tools that put an emulator in front of a program and its arguments (ctest, meson test,
   * Cargo, make): a small script from crosskit's cache that turns {@code PROGRAM ARG...} into
   * QEMU's {@code -semihosting-config ...,arg=ARG... -kernel PROGRAM}. Writes the script on first
   * use; its name carries its digest, so another crosskit version's script never stands in.
   */
  @Override
  public List<String> standaloneArgv() {
    List<String> argv = new ArrayList<>(List.of(script().toString(), semihostingConfig()));
    argv.addAll(prefix());
    argv.add("--");
    return argv;
  }

  private Path script() {
    try (InputStream in = SystemQemuRunner.class.getResourceAsStream(SCRIPT)) {
      byte[] text = in.readAllBytes();
      Path file = scriptDir.resolve("semihost-run-" + Digests.sha256(text).substring(0, 12));
      if (!Files.isExecutable(file)) {
        AtomicFiles.writeExecutable(file, new String(text, StandardCharsets.UTF_8));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the semihosting wrapper into " + scriptDir, e);
    }
  }
}
