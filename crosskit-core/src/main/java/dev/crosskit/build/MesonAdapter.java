package dev.crosskit.build;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.exec.Command;
import dev.crosskit.toolchainfile.MesonCrossFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Meson: a generated cross file (binaries, exe_wrapper, host_machine); {@code meson test} uses the wrapper. */
final class MesonAdapter implements BuildAdapter {
  @Override
  public String name() {
    return "meson";
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) throws IOException {
    List<String> setup = new ArrayList<>(List.of("meson", "setup", "--buildtype=release"));
    if (!ctx.runner().map(r -> r.name().equals("native")).orElse(false)) {
      Path crossFile = ctx.workDir().resolve("crosskit-cross.ini");
      AtomicFiles.write(crossFile, MesonCrossFile.render(ctx.toolchain(), ctx.runner(), ctx.compilerLauncher()));
      setup.add("--cross-file=" + crossFile);
    }
    setup.add(ctx.buildDir().toString());
    setup.add(ctx.sourceDir().toString());
    return List.of(
        new BuildStep("configure", Command.of(setup)),
        new BuildStep("build", Command.of("meson", "compile", "-C", ctx.buildDir().toString(),
            "-j", String.valueOf(ctx.jobs()))));
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", Command.of("meson", "test", "-C", ctx.buildDir().toString(),
        "--print-errorlogs", "--num-processes", "1"));
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.MESON;
  }
}
