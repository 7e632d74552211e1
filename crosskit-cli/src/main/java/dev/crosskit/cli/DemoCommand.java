package dev.crosskit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.BadInputException;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.doctor.ProjectSetup;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit demo}: set up, then build, verify and test the bundled examples. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {"Set up what the example needs (crosskit setup in it), then run 'crosskit test' on a bundled example.",
        "The example is examples/c-cmake, for x86_64 glibc, x86_64 musl (static), aarch64, armv7, riscv64 and x86_64",
        "Windows (Wine). --all also runs the other examples (c-meson, c-make, go-cgo, rust-c, c-baremetal)."},
    footer = {"", "Exit code: 0 when every target passed, 1 otherwise.",
        "", "Examples:", "  crosskit demo", "  crosskit demo --all --jobs 2"})
final class DemoCommand implements Callable<Integer> {
  static final List<String> EXAMPLES = List.of("c-cmake", "c-meson", "c-make", "go-cgo", "rust-c", "c-baremetal");

  @Spec CommandSpec spec;

  @Option(names = "--all", description = "Run every bundled example, not only c-cmake.")
  boolean all;

  @Mixin SharedOptions.Jobs jobs;

  @Option(names = "--rebuild", description = "Rebuild even when nothing changed since the last run.")
  boolean rebuild;

  @Option(names = "--no-setup", description = "Do not install missing packages first.")
  boolean noSetup;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path examples = examplesDir();
    List<String> names = all ? EXAMPLES : EXAMPLES.subList(0, 1);
    if (!noSetup) {
      for (String name : names) {
        Path dir = examples.resolve(name);
        ProjectConfig config = new ConfigLoader().load(dir, System.getenv(), JsonNodeFactory.instance.objectNode());
        out.println("== crosskit setup -C " + dir);
        out.flush();
        ProjectSetup.run(Main.host(spec), config, CliTargets.all(err, config.targets()), Set.of(), false, line -> {
          out.println(line);
          out.flush();
        });
      }
    }
    int worst = ExitCodes.OK;
    for (String name : names) {
      out.println();
      out.println("== crosskit test -C " + examples.resolve(name));
      out.flush();
      MatrixRun.Request test = MatrixRun.Request.test(examples.resolve(name), jobs.value(), rebuild);
      worst = Math.max(worst, MatrixRun.run(Main.host(spec), test, out, err));
    }
    return worst;
  }

  /** The bundled examples: $CROSSKIT_ROOT/examples (set by bin/crosskit), else found next to the jar. */
  static Path examplesDir() {
    String root = System.getenv("CROSSKIT_ROOT");
    if (root != null && Files.isDirectory(Path.of(root, "examples"))) {
      return Path.of(root, "examples");
    }
    try {
      Path p = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (; p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("examples").resolve("c-cmake"))) {
          return p.resolve("examples");
        }
      }
    } catch (java.net.URISyntaxException | SecurityException ignored) {
      // fall through to the error below
    }
    throw new BadInputException("cannot find the bundled examples; run crosskit from its source tree (bin/crosskit demo)"
        + " or set CROSSKIT_ROOT to it");
  }
}
