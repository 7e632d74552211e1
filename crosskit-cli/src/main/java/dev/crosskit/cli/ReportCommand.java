package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.base.RunLock;
import dev.crosskit.config.OutputDir;
import dev.crosskit.host.Host;
import dev.crosskit.report.Browser;
import dev.crosskit.report.JunitXml;
import dev.crosskit.report.MatrixTable;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.MatrixReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit report}: the last build or test's report, rendered again from report.json. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Render the last run's report again from its report.json.",
        "html (the default) writes <out>/report.html: the matrix, the timeline, each",
        "target's failures, findings and logs. json, junit and table print to stdout."},
    footer = {"", "Exit code: 0 rendered (whatever the run's result), 2 bad usage or no report yet.",
        "", "Examples:",
        "  crosskit report --open",
        "  crosskit report --out ci-out --format junit > junit.xml",
        "  crosskit report --format table"})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Out out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html", converter = FormatConverter.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--open", description = "Open report.html in the desktop's browser (xdg-open).")
  boolean open;

  /** What the report is rendered as. */
  enum Format {
    HTML, JSON, JUNIT, TABLE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final class FormatConverter extends LabelledEnum<Format> {
    FormatConverter() {
      super(Format.class);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (open && format != Format.HTML) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--open opens the HTML page: leave out --format "
          + format + " (or give --format html)");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    OutputDir outDir = out.of(project);
    MatrixReport report = ReportFiles.read(outDir.path(), "no report to render");
    switch (format) {
      case JSON -> stdout.println(Json.write(report));
      case JUNIT -> stdout.print(JunitXml.render(report));
      case TABLE -> stdout.print(MatrixTable.render(report));
      case HTML -> {
        Path page;
        // a build writing this directory now would write its own page at its end
        try (RunLock held = outDir.lock("crosskit report")) {
          page = ReportFiles.writeHtml(outDir.path(), report);
        }
        stdout.println("Report: " + page);
        if (open) {
          stdout.flush();
          Host host = Main.host(spec);
          Browser.open(host.tools(), host.processes(), page);
        }
      }
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
