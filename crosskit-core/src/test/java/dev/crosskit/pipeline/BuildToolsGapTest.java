package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.HostTools;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host with the C compiler but without the build system's own tools (its own PATH: the host's
 * gcc and binutils only): the build stops before it starts, naming the command that installs them.
 */
class BuildToolsGapTest {
  @Test
  void autotoolsWithoutAutoreconfNamesTheFix(@TempDir Path bin, @TempDir Path project, @TempDir Path out,
      @TempDir Path cache) throws Exception {
    for (String tool : List.of("gcc", "g++", "ar", "ranlib", "strip")) {
      Path real = Path.of("/usr/bin", tool);
      assertThat(real).as("apt-get install gcc g++ binutils").exists();
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    Files.writeString(project.resolve("configure.ac"), "AC_INIT([x], [1])\nAC_OUTPUT\n");
    Files.writeString(project.resolve("crosskit.toml"), "[project]\nbuild = \"autotools\"\n");
    ProjectConfig config = new ConfigLoader().load(project, Map.of(), JsonNodeFactory.instance.objectNode());
    Host host = new Host(cache, cache.resolve("user"), new ProcessRunner(), new HostTools(List.of(bin)),
        new Binfmt(cache.resolve("no-binfmt")), line -> { });
    MatrixReport report = new MatrixRunner(new PipelineOptions(out, 1, false, false, true), ProgressListener.NONE, host)
        .run(config, List.of(TargetResolver.builtIn().target("x86_64-linux-gnu")), "build");
    TargetResult t = report.targets().get(0);
    assertThat(t.steps()).extracting(StepResult::step).contains(Step.PROVISION).doesNotContain(Step.VERIFY);
    StepResult failed = t.steps().get(t.steps().size() - 1);
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.summary()).contains("this autotools build needs make (make), autoconf (autoconf), automake (automake), "
        + "libtool (libtoolize)").contains("run 'crosskit setup -C " + project.toAbsolutePath().normalize() + "'")
        .contains("apt-get install make autoconf automake libtool");
  }
}
