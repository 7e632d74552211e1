package dev.crosskit.pipeline;

import dev.crosskit.base.BadInputException;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Refuses, before a run, the output paths crosskit owns that are symbolic links: the output
 * directory, each target's directory and the directories and logs under it. A run empties
 * {@code build/}, {@code artifacts/}, {@code canary/} and {@code logs/} and appends to logs; through
 * a link that would delete or change files that are not crosskit's.
 */
final class OutputLinks {
  /** What crosskit writes under {@code <out>/<target>/}. */
  private static final List<String> TARGET_ENTRIES = List.of("build", "build-repro", "logs", "artifacts", "canary", "repro");

  private OutputLinks() {}

  static void refuse(Path outDir, List<Target> targets) {
    List<Path> own = new ArrayList<>(List.of(outDir));
    for (Target t : targets) {
      Path dir = outDir.resolve(t.name());
      own.add(dir);
      TARGET_ENTRIES.forEach(e -> own.add(dir.resolve(e)));
    }
    for (Path p : own) {
      refuse(p);
    }
    for (Target t : targets) {
      Path logs = outDir.resolve(t.name()).resolve("logs");
      if (Files.isDirectory(logs)) {
        try (Stream<Path> files = Files.list(logs)) {
          files.forEach(OutputLinks::refuse);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + logs, e);
        }
      }
    }
  }

  private static void refuse(Path p) {
    if (Files.isSymbolicLink(p)) {
      String to;
      try {
        to = " (to " + Files.readSymbolicLink(p) + ")";
      } catch (IOException e) {
        to = "";
      }
      throw new BadInputException(p + " is a symbolic link" + to + ": crosskit empties and writes its output"
          + " directories and does not follow links out of them; remove the link or choose another --out");
    }
  }
}
