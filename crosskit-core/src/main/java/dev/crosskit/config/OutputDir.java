package dev.crosskit.config;

import dev.crosskit.base.RunLock;
import java.nio.file.Path;

/**
 * Where a project's crosskit output goes: {@code --out DIR}, else {@code <project>/target/crosskit}.
 * build and test write it (a directory per target, report.json, junit.xml, report.html); package and image
 * read it and write dist/ and image/ there. One run at a time uses it ({@link #lock}).
 */
public record OutputDir(Path path) {
  /** The default, relative to the project. */
  public static final Path DEFAULT = Path.of("target", "crosskit");
  private static final String LOCK = ".crosskit-lock";

  public OutputDir {
    path = path.toAbsolutePath().normalize();
  }

  /** {@code out} when given (relative to the current directory), else the project's default. */
  public static OutputDir of(Path projectDir, Path out) {
    return new OutputDir(out != null ? out : projectDir.toAbsolutePath().normalize().resolve(DEFAULT));
  }

  /**
   * Takes the directory for this run, or refuses at once (exit 2) naming the run that has it:
   * two runs in one directory would wipe each other's build directories and overwrite each
   * other's logs and report.
   *
   * @param command what this run is ("crosskit build"), for the message another run gives
   */
  public RunLock lock(String command) {
    return RunLock.acquire(path.resolve(LOCK), command, holder -> "another crosskit run (" + holder + ") is using "
        + path + "; wait for it to finish, or give this run another --out");
  }

  public Path resolve(String other) {
    return path.resolve(other);
  }
}
