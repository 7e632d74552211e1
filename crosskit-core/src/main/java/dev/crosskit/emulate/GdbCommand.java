package dev.crosskit.emulate;

import dev.crosskit.exec.Command;
import dev.crosskit.target.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gdb command line that attaches to a program waiting under QEMU's gdbstub: the program's
 * file (its symbols), the target's architecture, for a user-mode program the sysroot its shared
 * libraries come from, and {@code target remote}.
 *
 * @param gdb the debugger ({@code gdb-multiarch})
 * @param program the program being debugged (absolute, so the command works from any directory)
 * @param target the program's target
 * @param runner the emulator running it (a user-mode QEMU's sysroot is gdb's too)
 * @param port where the gdbstub listens on 127.0.0.1
 */
public record GdbCommand(Path gdb, Path program, Target target, Runner runner, int port) {
  /** The commands that load the program and attach, in order. */
  public List<String> attach() {
    List<String> cmds = new ArrayList<>();
    if (runner instanceof QemuRunner q && q.sysroot() != null) {
      // gdb reads the shared libraries QEMU maps from the sysroot. The loader names them with the
      // sysroot already in front (LD_LIBRARY_PATH), so gdb also gets the directories themselves.
      cmds.add("set sysroot " + q.sysroot());
      cmds.add("set solib-search-path " + String.join(":", libraryDirs(q)));
    }
    cmds.add("file " + quoted(program.toString()));
    target.field("gdbArch").ifPresent(a -> cmds.add("set architecture " + a));
    cmds.add("target remote 127.0.0.1:" + port);
    return cmds;
  }

  /**
   * gdb in batch mode: attaches, runs {@code commands} and exits when they are done. Reads no
   * ~/.gdbinit (-nx), so the result depends on the commands alone.
   */
  public Command batch(List<String> commands, Duration timeout) {
    List<String> argv = new ArrayList<>(List.of(gdb.toString(), "-nx", "-q", "-batch",
        "-ex", "set pagination off", "-ex", "set confirm off"));
    attach().forEach(c -> argv.addAll(List.of("-ex", c)));
    commands.forEach(c -> argv.addAll(List.of("-ex", c)));
    return new Command(argv, Map.of(), null, timeout);
  }

  /** gdb attached and waiting at its prompt, the program stopped before its first instruction. */
  public Command interactive(Duration timeout) {
    List<String> argv = new ArrayList<>(List.of(gdb.toString(), "-q"));
    attach().forEach(c -> argv.addAll(List.of("-ex", c)));
    return new Command(argv, Map.of(), null, timeout);
  }

  /** gdb splits {@code file}'s argument like a shell would: a path with spaces or quotes is quoted. */
  static String quoted(String path) {
    if (!path.matches(".*[\\s\"'\\\\].*")) {
      return path;
    }
    return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static List<String> libraryDirs(QemuRunner q) {
    List<String> options = q.options();
    for (int i = 0; i + 1 < options.size(); i++) {
      if (options.get(i).equals("-E") && options.get(i + 1).startsWith("LD_LIBRARY_PATH=")) {
        return List.of(options.get(i + 1).substring("LD_LIBRARY_PATH=".length()).split(":"));
      }
    }
    return List.of(q.sysroot().resolve("lib").toString());
  }
}
