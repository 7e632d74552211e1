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
 * report.json, junit.xml and report.html of a matrix run, in the output directory. Each is
 * written whole or not at all (a temporary file renamed over the old), so a reader — package,
 * image, a CI step, a browser — never sees half a report. report.json comes first: the page and
 * the XML are views of it, and {@link #read} gives it back to render them again.
 */
public final class ReportFiles {
  public static final String REPORT = "report.json";
  public static final String JUNIT = "junit.xml";
  public static final String HTML = "report.html";

  private ReportFiles() {}

  /**
   * Writes the run merged over the last report ({@link ReportMerge}): the last result of every
   * target, in all three files, as {@code crosskit report} renders them again from report.json.
   */
  public static void write(Path outDir, MatrixReport report) {
    try {
      MatrixReport merged = ReportMerge.merge(previous(outDir), report);
      AtomicFiles.write(outDir.resolve(REPORT), Json.write(merged));
      AtomicFiles.write(outDir.resolve(JUNIT), JunitXml.render(merged));
      writeHtml(outDir, merged);
    } catch (IOException e) {
      throw new BadInputException("cannot write the report to " + outDir + ": " + e.getMessage());
    }
  }

  /** Writes report.html (its log links are relative to {@code outDir}) and returns its path. */
  public static Path writeHtml(Path outDir, MatrixReport report) throws IOException {
    Path html = outDir.resolve(HTML);
    AtomicFiles.write(html, HtmlReport.render(report, outDir));
    return html;
  }

  /**
   * The report of the last build or test in {@code outDir}.
   *
   * @param nothing what the error says first when there is none ("no build to package")
   */
  public static MatrixReport read(Path outDir, String nothing) {
    return readFile(outDir.resolve(REPORT), nothing);
  }

  /** A report.json by its own path (a copy kept elsewhere, e.g. for a shard plan's timings). */
  public static MatrixReport readFile(Path file, String nothing) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(nothing + ": " + file + " does not exist; run 'crosskit build' or 'crosskit test'"
          + " first (or give the --out it wrote to)");
    }
    try {
      return Json.mapper().readValue(file.toFile(), MatrixReport.class);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("")
          + "); run 'crosskit build' again");
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
