package dev.crosskit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code crosskit build} and {@code crosskit test}. */
final class MatrixOptions {
  @Option(names = {"-C", "--project"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
  Path project = Path.of(".");

  @Option(names = {"-t", "--target"}, paramLabel = "TARGET",
      description = "A target to build (any spelling); repeat for several. Default: [project] targets in crosskit.toml.")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "Processes (compilers, emulators) running at once across all targets. Default: the host's cores.")
  Integer jobs;

  @Option(names = "--fail-fast", description = "Stop the other targets at the first failure.")
  boolean failFast;

  @Option(names = "--keep-going", description = "Finish every target whatever fails (the default).")
  boolean keepGoing;

  @Option(names = "--rebuild", description = "Rebuild targets whose inputs did not change.")
  boolean rebuild;

  @Option(names = "--check-reproducible",
      description = "Build each target a second time in another directory and compare the artifacts byte for byte.")
  boolean checkReproducible;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: <project>/target/crosskit).")
  Path out;

  @Option(names = {"-q", "--quiet"}, description = "Print only the final table.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Print every step with its log file.")
  boolean verbose;

  @Option(names = "--json", description = "Print report.json instead of the table.")
  boolean json;

  @Option(names = "--setup",
      description = "First set up what the project needs, as 'crosskit setup' in it does (packages as root, "
          + "sysroots, Rust std).")
  boolean setup;

  @Option(names = "--test-timeout", paramLabel = "DURATION",
      description = "Limit for each target's test step, e.g. 90s or 10m (overrides [test] timeout).")
  String testTimeout;
}
