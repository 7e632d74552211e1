package dev.crosskit.report;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.result.MatrixReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * report.json and junit.xml of a matrix run, in the output directory. Each is written whole or
 * not at all (a temporary file renamed over the old), so a reader — package, image, a CI step
 * — never sees half a report.
 */
public final class ReportFiles {
  public static final String REPORT = "report.json";
  public static final String JUNIT = "junit.xml";

  private ReportFiles() {}

  /**
   * report.json: the run merged over the last report ({@link ReportMerge}); junit.xml: the run
   * alone, as a CI step that reads it after each run expects.
   */
  public static void write(Path outDir, MatrixReport report) {
    try {
      AtomicFiles.write(outDir.resolve(REPORT), Json.write(ReportMerge.merge(previous(outDir), report)));
      AtomicFiles.write(outDir.resolve(JUNIT), JunitXml.render(report));
    } catch (IOException e) {
      throw new BadInputException("cannot write the report to " + outDir + ": " + e.getMessage());
    }
  }

  /** The last report.json, if there is a readable one (one from an older crosskit is replaced, not merged). */
  private static Optional<MatrixReport> previous(Path outDir) {
    Path file = outDir.resolve(REPORT);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      MatrixReport r = Json.mapper().readValue(file.toFile(), MatrixReport.class);
      return r.schemaVersion() == MatrixReport.SCHEMA_VERSION ? Optional.of(r) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
