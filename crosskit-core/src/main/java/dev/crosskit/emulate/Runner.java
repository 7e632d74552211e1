package dev.crosskit.emulate;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a target's programs run on this host: natively, under QEMU user-mode, under QEMU
 * system-mode on a board (bare metal), or under Wine.
 */
public interface Runner {
  /** {@code native}, {@code qemu-user}, {@code qemu-system} or {@code wine}. */
  String name();

  /** True when the program runs under an emulator rather than on this CPU and kernel. */
  boolean emulated();

  /** The argv put in front of a program (empty for native). */
  List<String> prefix();

  /**
   * False when the program cannot read input under this runner and the runner must not be given
   * the terminal as its standard input (QEMU system-mode); callers then give it none.
   */
  default boolean takesInput() {
    return true;
  }

  /** Environment the runner needs (Wine's prefix and DLL path, for example). */
  Map<String, String> env();

  /**
   * Gets the runner ready before its first program (Wine creates its prefix), so that one-time
   * set-up noise and delay do not land in a program's output or timeout. Idempotent and safe
   * when several crosskit processes call it at once. Nothing to do for most runners.
   */
  default void prepare(ProcessRunner processes) {}

  /**
   * A server this runner's programs share, worth starting once for a whole run rather than by
   * the first program of each test (Wine's); empty for most runners.
   */
  default Optional<SharedServer> server() {
    return Optional.empty();
  }

  /** The command that runs {@code c}'s program under this runner ({@link #prepare} it first). */
  default Command wrap(Command c) {
    return c.prefixed(prefix()).withEnv(env());
  }

  /**
   * The command that starts {@code c}'s program stopped under this runner's gdbstub, waiting for
   * a debugger on {@code 127.0.0.1:port}; empty when the runner has no gdbstub (native, Wine).
   */
  default Optional<Command> withGdbStub(Command c, int port) {
    return Optional.empty();
  }

  /**
   * An argv that carries the environment itself ({@code /usr/bin/env K=V ... prefix}), for tools
   * that accept only a command: CMAKE_CROSSCOMPILING_EMULATOR, Meson's exe_wrapper, Cargo's runner.
   */
  default List<String> standaloneArgv() {
    if (env().isEmpty()) {
      return prefix();
    }
    List<String> argv = new ArrayList<>();
    argv.add("/usr/bin/env");
    env().forEach((k, v) -> argv.add(k + "=" + v));
    argv.addAll(prefix());
    return argv;
  }
}
