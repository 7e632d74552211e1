package dev.crosskit.build;

import dev.crosskit.exec.Command;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Autotools-style {@code ./configure --host=<triple> --build=<host triple>}, then make. The build
 * runs in a copy of the sources because many such projects (zlib among them) only build in-tree,
 * and a missing configure script is bootstrapped with autoreconf there.
 */
final class AutotoolsAdapter implements BuildAdapter {
  static final String BUILD_TRIPLE = "x86_64-linux-gnu";

  @Override
  public String name() {
    return "autotools";
  }

  @Override
  public boolean jobserverClient() {
    return true;
  }

  @Override
  public boolean needsSourceCopy() {
    return true;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) {
    List<BuildStep> steps = new ArrayList<>();
    if (!Files.exists(ctx.sourceDir().resolve("configure"))) {
      steps.add(new BuildStep("bootstrap", Command.of("autoreconf", "-fi").withCwd(ctx.sourceDir())));
    }
    String host = ctx.toolchain().target().gnuTriple();
    // zlib's hand-written configure reads CHOST instead of --host; it is set in the environment too.
    steps.add(new BuildStep("configure", Command.of("./configure", "--host=" + host, "--build=" + BUILD_TRIPLE)
        .withCwd(ctx.sourceDir()).withEnv("CHOST", host)));
    steps.add(new BuildStep("build", (ctx.jobserver() ? Command.of("make") : Command.of("make", "-j" + ctx.jobs())).withCwd(ctx.sourceDir())));
    return steps;
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    return new BuildStep("test", Command.of("make", "check").withCwd(ctx.sourceDir()));
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.AUTOMAKE;
  }
}
