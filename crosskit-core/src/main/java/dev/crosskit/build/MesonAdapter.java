package dev.crosskit.build;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.exec.Command;
import dev.crosskit.toolchainfile.MesonCrossFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Meson: a generated cross file (binaries, exe_wrapper, host_machine); {@code meson test} uses
 * the wrapper; {@code meson install --destdir <stage>} for the artifacts. The build type is the
 * project's own default unless [build] type asks for one. musl targets build static libraries
 * ({@code default_library=static}): their programs link statically.
 */
final class MesonAdapter implements BuildAdapter {
  @Override
  public String name() {
    return "meson";
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) throws IOException {
    List<String> setup = new ArrayList<>(List.of("meson", "setup"));
    ctx.settings().buildType().ifPresent(t -> setup.add("--buildtype=" + t));
    if (ctx.target().isMusl()) {
      setup.add("-Ddefault_library=static");
    }
    if (!ctx.runner().map(r -> r.name().equals("native")).orElse(false)) {
      Path crossFile = ctx.workDir().resolve("crosskit-cross.ini");
      AtomicFiles.write(crossFile, MesonCrossFile.render(ctx.toolchain(), ctx.runner(), ctx.flags()));
      setup.add("--cross-file=" + crossFile);
    }
    setup.addAll(ctx.settings().configureArgs());
    setup.add(ctx.buildDir().toString());
    setup.add(ctx.sourceDir().toString());
    return List.of(
        new BuildStep("configure", Command.of(setup)),
        new BuildStep("build", Command.of("meson", "compile", "-C", ctx.buildDir().toString(),
            "-j", String.valueOf(ctx.jobs()))));
  }

  @Override
  public Optional<BuildStep> installStep(BuildContext ctx) {
    return Optional.of(new BuildStep("install", Command.of("meson", "install", "-C", ctx.buildDir().toString(),
        "--no-rebuild", "--destdir", ctx.stageDir().toString())));
  }

  @Override
  public Set<Path> notDeliverables(BuildContext ctx) {
    List<String> hostCompilers = new ArrayList<>();
    for (Path p : java.util.Arrays.asList(ctx.toolchain().cc(), ctx.toolchain().cxx())) {
      if (p != null) {
        hostCompilers.add(p.toString());
        hostCompilers.add(p.getFileName().toString());
      }
    }
    return BuildSystemFacts.mesonNotDeliverables(ctx.buildDir(), hostCompilers);
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
