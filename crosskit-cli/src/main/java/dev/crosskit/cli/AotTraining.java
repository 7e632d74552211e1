package dev.crosskit.cli;

import dev.crosskit.base.Deletion;
import dev.crosskit.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of crosskit's ahead-of-time cache (JDK 25's {@code -XX:AOTCacheOutput}): one JVM
 * runs a representative set of commands in-process, so the cache holds the classes, linkage and
 * profiles of all of them — not only of whichever command happened to run first. The launchers
 * (bin/crosskit, the release's bin/crosskit) start it as
 * {@code java -XX:AOTCacheOutput=F -cp crosskit.jar dev.crosskit.cli.AotTraining}; the class path
 * is the jar alone, as in {@code java -jar crosskit.jar}, so the cache fits every later run.
 *
 * <p>The commands only read: the catalogs, the running JVM's own executable and library (the
 * binaries to inspect, present wherever this runs), a throw-away cache directory. Their output is
 * discarded; a failing command fails the training (exit 1), and the launcher then runs without a cache.
 */
public final class AotTraining {
  private AotTraining() {}

  /** What the cache is trained on: the start-up paths of the everyday commands. */
  static List<List<String>> commands(Path javaHome) {
    String java = javaHome.resolve("bin/java").toString();
    String libjava = javaHome.resolve("lib/libjava.so").toString();
    return List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("targets"),
        List.of("targets", "show", "armv7-linux-gnueabihf"),
        List.of("targets", "show", "linux/arm64"),
        List.of("targets", "convert", "aarch64-linux-gnu", "--to", "rust,go,docker"),
        List.of("inspect", java),
        List.of("inspect", "--json", java, libjava),
        // Many files: the parallel path, and its hot methods seen often enough to be profiled.
        List.of("inspect", "--json", javaHome.resolve("lib").toString()),
        List.of("build", "--help"),
        List.of("completion", "bash"));
  }

  public static void main(String[] args) throws IOException {
    Path home = Files.createTempDirectory("crosskit-aot-training");
    int failed = 0;
    try (PrintWriter discard = new PrintWriter(Writer.nullWriter())) {
      Host host = Host.system(home, line -> { });
      for (List<String> command : commands(Path.of(System.getProperty("java.home")))) {
        int code = Main.run(host, discard, discard, command.toArray(String[]::new));
        if (code != ExitCodes.OK) {
          System.err.println("crosskit AOT training: 'crosskit " + String.join(" ", command) + "' exited " + code);
          failed++;
        }
      }
    } finally {
      Deletion.tree(home);
    }
    System.exit(failed == 0 ? ExitCodes.OK : ExitCodes.FAILED);
  }
}
