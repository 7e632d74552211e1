package dev.crosskit.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Finds and kills every process a command started, including those that left its tree: a
 * background job or daemon whose parent exited is re-parented to init and is no longer a
 * descendant. Each command crosskit starts carries a variable of its own in its environment
 * ({@code CROSSKIT_PROC_<crosskit pid>=<n>}), which every process it starts inherits, whatever
 * happens to the tree; {@code /proc/<pid>/environ} then names them all. A process that clears its
 * environment escapes this, but not the descendant walk while its parent lives.
 */
public final class ProcessTree {
  private static final Path PROC = Path.of("/proc");
  private static final long SELF = ProcessHandle.current().pid();
  /** The variable that marks this crosskit's processes; a crosskit run by another keeps both marks. */
  static final String VARIABLE = "CROSSKIT_PROC_" + SELF;
  private static final int MAX_ENVIRON = 1 << 20;

  /** A process found by its mark: its pid, executable and argv (as in /proc). */
  public record Proc(long pid, String exe, List<String> argv) {
    /** "sleep (pid 123)": how a warning names it. */
    public String describe() {
      String name = argv.isEmpty() || argv.get(0).isEmpty() ? Path.of(exe).getFileName().toString() : argv.get(0);
      return name + " (pid " + pid + ")";
    }
  }

  private ProcessTree() {}

  /** The mark of one command: its value of {@link #VARIABLE}. */
  static String variable() {
    return VARIABLE;
  }

  /**
   * The processes alive now whose mark is {@code value}, or, with {@code prefix}, starts with it
   * (every command of one runner).
   */
  static List<Proc> marked(String value, boolean prefix) {
    String wanted = VARIABLE + "=" + value;
    List<Proc> found = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return found;
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : all) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid == SELF) {
          continue;
        }
        for (String entry : nulSeparated(dir.resolve("environ"))) {
          if (prefix ? entry.startsWith(wanted) : entry.equals(wanted)) {
            describe(pid, dir).ifPresent(found::add);
            break;
          }
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // /proc went away or changed under us: what was found so far is still right
    }
    return found;
  }

  private static Optional<Proc> describe(long pid, Path dir) {
    String exe = executable(dir);
    List<String> argv = nulSeparated(dir.resolve("cmdline"));
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> new Proc(pid, exe, argv));
  }

  private static String executable(Path dir) {
    try {
      return Files.readSymbolicLink(dir.resolve("exe")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static List<String> nulSeparated(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_ENVIRON);
      List<String> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == 0) {
          if (i > start) {
            out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
          }
          start = i + 1;
        }
      }
      return out;
    } catch (IOException e) {
      return List.of(); // gone, or another user's process
    }
  }

  /**
   * Kills the processes marked {@code value} (with {@code prefix}: marked with anything that
   * starts with it) that {@code spared} does not match, sweeping again for those forked meanwhile.
   *
   * @return the processes killed
   */
  static List<Proc> killMarked(String value, boolean prefix, Predicate<Proc> spared) {
    List<Proc> killed = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      List<Proc> found = marked(value, prefix).stream().filter(spared.negate())
          .filter(p -> killed.stream().noneMatch(k -> k.pid() == p.pid())).toList();
      if (found.isEmpty()) {
        break;
      }
      found.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
      killed.addAll(found);
    }
    awaitExit(killed.stream().map(p -> ProcessHandle.of(p.pid())).flatMap(Optional::stream).toList());
    return killed;
  }

  /**
   * Kills a process and all its descendants (children first, then the process itself), then
   * waits briefly until they are gone, so a caller that goes on sees no survivors.
   */
  static void killDescendants(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
    // A child may have forked between the listing and the kill: sweep once more.
    root.descendants().forEach(h -> {
      h.destroyForcibly();
      all.add(h);
    });
    all.add(root);
    awaitExit(all);
  }

  /**
   * Waits (2 s at most) until the killed processes are gone. A zombie counts as gone: it runs
   * nothing, and its reaping is its new parent's business (in a container, init may never do it).
   */
  private static void awaitExit(List<ProcessHandle> handles) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    List<ProcessHandle> left = new ArrayList<>(handles);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      left.removeIf(h -> !h.isAlive() || zombie(h.pid()));
      if (!left.isEmpty()) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether /proc says the process has exited and only waits to be reaped (state Z or X). */
  static boolean zombie(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException gone) {
      return true;
    }
  }

}
