package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of one {@code crosskit build} or {@code crosskit test} run; written as report.json
 * (schema in docs/report.md). The run's facts at the end are null in reports of older crosskits.
 *
 * @param command {@code build} or {@code test}
 * @param crosskitVersion the crosskit that ran
 * @param host the machine it ran on: operating system, kernel, architecture, cores
 * @param cpuSeconds CPU time of crosskit and of the processes it waited for (user + system)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MatrixReport(int schemaVersion, String project, String command, String projectDir, String outDir,
    String started, double seconds, int jobs, List<TargetResult> targets, String crosskitVersion, String host,
    Double cpuSeconds) {
  public static final int SCHEMA_VERSION = 1;

  @JsonCreator
  public MatrixReport {
    targets = targets == null ? List.of() : targets;
  }

  /** A report without the run's facts. */
  public MatrixReport(int schemaVersion, String project, String command, String projectDir, String outDir,
      String started, double seconds, int jobs, List<TargetResult> targets) {
    this(schemaVersion, project, command, projectDir, outDir, started, seconds, jobs, targets, null, null, null);
  }

  public boolean passed() {
    return targets.stream().allMatch(TargetResult::passed);
  }

  /** crosskit was stopped (SIGINT, SIGTERM) before every target finished. */
  public boolean interrupted() {
    return targets.stream().anyMatch(TargetResult::interrupted);
  }
}
