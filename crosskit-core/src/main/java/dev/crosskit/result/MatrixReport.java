package dev.crosskit.result;

import java.util.List;

/**
 * The result of one {@code crosskit build} or {@code crosskit test} run; written as report.json
 * (schema in docs/report.md).
 *
 * @param command {@code build} or {@code test}
 */
public record MatrixReport(int schemaVersion, String project, String command, String projectDir, String outDir,
    String started, double seconds, int jobs, List<TargetResult> targets) {
  public static final int SCHEMA_VERSION = 1;

  public boolean passed() {
    return targets.stream().allMatch(TargetResult::passed);
  }

  /** crosskit was stopped (SIGINT, SIGTERM) before every target finished. */
  public boolean interrupted() {
    return targets.stream().anyMatch(TargetResult::interrupted);
  }
}
