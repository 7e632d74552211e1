package dev.crosskit.pack;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Digests;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.TargetResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code crosskit build} / {@code crosskit test} run, read back from report.json, and
 * its artifacts checked against the digests it recorded (so a package never holds a file the
 * report did not describe).
 */
public final class LastBuild {
  private final Path outDir;
  private final MatrixReport report;

  private LastBuild(Path outDir, MatrixReport report) {
    this.outDir = outDir;
    this.report = report;
  }

  public static LastBuild read(Path outDir) {
    return new LastBuild(outDir, ReportFiles.read(outDir, "no build yet"));
  }

  public MatrixReport report() {
    return report;
  }

  public Path outDir() {
    return outDir;
  }

  /** The report's results for the named targets (canonical names), or all when {@code names} is empty. */
  public List<TargetResult> select(List<String> names) {
    if (names.isEmpty()) {
      return report.targets();
    }
    List<TargetResult> out = new ArrayList<>();
    for (String n : names) {
      out.add(report.targets().stream().filter(t -> t.target().equals(n)).findFirst().orElseThrow(() ->
          new BadInputException("target " + n + " is not in the last build (" + report.targets().stream()
              .map(TargetResult::target).toList() + "); run 'crosskit build --target " + n + "' first")));
    }
    return out;
  }

  /** An artifact's file, after checking it is still the one the report describes. */
  public Path file(Artifact a) throws IOException {
    Path p = outDir.resolve(a.path()).normalize();
    if (!p.startsWith(outDir) || !Files.isRegularFile(p)) {
      throw new BadInputException("artifact " + a.path() + " of the last build is missing; run 'crosskit build' again");
    }
    if (Files.isSymbolicLink(p)) {
      // crosskit links an artifact only to another beside it; anything else was put there since
      Path to = Files.readSymbolicLink(p);
      if (to.getNameCount() != 1 || to.isAbsolute() || to.toString().equals("..")
          || !Files.isRegularFile(p.resolveSibling(to), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new BadInputException("artifact " + p + " is a link to " + to + ", outside the build's artifacts;"
            + " run 'crosskit build' again");
      }
    }
    if (!Digests.sha256(p).equals(a.sha256())) {
      throw new BadInputException("artifact " + p + " changed since the last build's report; run 'crosskit build' again");
    }
    return p;
  }
}
