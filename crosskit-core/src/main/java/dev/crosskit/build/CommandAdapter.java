package dev.crosskit.build;

import dev.crosskit.base.BadInputException;
import dev.crosskit.exec.Command;
import java.util.List;

/** The user's own build command ({@code [build] command}), run with the toolchain environment. */
final class CommandAdapter implements BuildAdapter {
  @Override
  public String name() {
    return "command";
  }

  @Override
  public boolean needsSourceCopy() {
    return true;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) {
    List<String> argv = ctx.settings().buildCommand().orElseThrow(() -> new BadInputException(
        "build = \"command\" needs [build] command = [\"...\"] in crosskit.toml"));
    return List.of(new BuildStep("build", Command.of(argv).withCwd(ctx.sourceDir())));
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    List<String> argv = ctx.settings().testCommand().orElseThrow(() -> new BadInputException(
        "build = \"command\" needs [test] command = [\"...\"] in crosskit.toml to run tests"));
    return new BuildStep("test", Command.of(argv).withCwd(ctx.sourceDir()));
  }

  @Override
  public TestOutputParser testParser() {
    return TestOutputParser.AUTOMAKE;
  }
}
