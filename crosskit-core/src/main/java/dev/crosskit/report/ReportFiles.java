package dev.crosskit.report;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.result.MatrixReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * report.json and junit.xml of a matrix run, in the output directory. Each is written whole or
 * not at all (a temporary file renamed over the old), so a reader — package, image, a CI step
 * — never sees half a report.
 */
public final class ReportFiles {
  public static final String REPORT = "report.json";
  public static final String JUNIT = "junit.xml";

  private ReportFiles() {}

  public static void write(Path outDir, MatrixReport report) {
    try {
      AtomicFiles.write(outDir.resolve(REPORT), Json.write(report));
      AtomicFiles.write(outDir.resolve(JUNIT), JunitXml.render(report));
    } catch (IOException e) {
      throw new BadInputException("cannot write the report to " + outDir + ": " + e.getMessage());
    }
  }
}
