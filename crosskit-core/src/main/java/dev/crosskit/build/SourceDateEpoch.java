package dev.crosskit.build;

import dev.crosskit.base.BadInputException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The timestamp reproducible outputs carry (https://reproducible-builds.org/specs/source-date-epoch/):
 * SOURCE_DATE_EPOCH from the environment, else the time of the project's last git commit, else
 * {@link #FALLBACK}. Never "now": that would make every build differ.
 */
public final class SourceDateEpoch {
  /** 1980-01-01T00:00:00Z: the earliest time a zip entry can hold, documented in docs/packaging.md. */
  public static final long FALLBACK = 315_532_800L;
  private static final Duration GIT_TIMEOUT = Duration.ofSeconds(20);

  /** Where the value came from, for messages and the manifest. */
  public record Value(long seconds, String source) {}

  private SourceDateEpoch() {}

  /** @param processes runs {@code git log} when the project is a git work tree */
  public static Value of(Path projectDir, Map<String, String> env, ProcessRunner processes) {
    String fromEnv = env.get("SOURCE_DATE_EPOCH");
    if (fromEnv != null && !fromEnv.isBlank()) {
      try {
        long v = Long.parseLong(fromEnv.trim());
        if (v >= 0) {
          return new Value(v, "SOURCE_DATE_EPOCH");
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new BadInputException("SOURCE_DATE_EPOCH must be a non-negative number of seconds, got '"
          + fromEnv + "'");
    }
    if (insideGitWorkTree(projectDir)) {
      Result r = processes.capture(Command.of("git", "-C", projectDir.toString(), "log", "-1",
          "--format=%ct").withTimeout(GIT_TIMEOUT));
      if (r.ok() && r.output().trim().matches("\\d+")) {
        return new Value(Long.parseLong(r.output().trim()), "last git commit");
      }
    }
    return new Value(FALLBACK, "fixed default (1980-01-01)");
  }

  /** Looks for .git upwards first, so that projects outside git never start a git process. */
  private static boolean insideGitWorkTree(Path dir) {
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return true;
      }
    }
    return false;
  }
}
