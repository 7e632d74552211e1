package dev.crosskit.build;

import dev.crosskit.base.BadInputException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.exec.Command;
import dev.crosskit.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go modules: {@code go build} and {@code go test -json} with GOOS/GOARCH/GOARM from the target.
 * cgo is off unless the project imports "C" (or {@code [build] cgo} says otherwise), so a pure-Go
 * project needs no C cross compiler. No network: GOPROXY=off makes a module that is neither in
 * the module cache nor vendored fail at once with Go's own message instead of hanging; a
 * {@code vendor/} directory is used when present. Go's caches live in crosskit's cache.
 */
final class GoAdapter implements BuildAdapter {
  @Override
  public String name() {
    return "go";
  }

  /** cgo's C compilations are cached by Go itself, in GOCACHE. */
  @Override
  public boolean compileCached() {
    return false;
  }

  @Override
  public boolean needsCCompiler(Target target, Path projectDir, TargetSettings settings) {
    return GoProject.cgo(projectDir, settings);
  }

  @Override
  public Map<String, String> environment(BuildContext ctx) {
    Map<String, String> env = new LinkedHashMap<>();
    boolean cgo = GoProject.cgo(ctx.sourceDir(), ctx.settings());
    if (cgo && !ctx.toolchain().complete()) {
      throw new BadInputException("this Go project uses cgo but there is no C compiler for " + ctx.target().name()
          + ": " + String.join("; ", ctx.toolchain().missing()));
    }
    env.put("CGO_ENABLED", cgo ? "1" : "0");
    ctx.target().field("goAmd64").ifPresent(v -> env.put("GOAMD64", v));
    env.put("GOPROXY", "off");
    env.put("GOSUMDB", "off");
    env.put("GOTOOLCHAIN", "local");
    env.put("GOFLAGS", Files.isRegularFile(ctx.sourceDir().resolve("vendor/modules.txt")) ? "-mod=vendor" : "");
    Path goHome = ctx.host().home().resolve("go");
    env.put("GOCACHE", goHome.resolve("build-cache").toString());
    env.put("GOPATH", goHome.resolve("path").toString());
    env.put("GOMODCACHE", goHome.resolve("path/pkg/mod").toString());
    return env;
  }

  @Override
  public List<BuildStep> buildSteps(BuildContext ctx) {
    List<String> argv = new ArrayList<>(List.of("go", "build", "-trimpath"));
    argv.addAll(tags(ctx.settings()));
    argv.addAll(List.of("-o", ctx.buildDir() + "/", "./..."));
    return List.of(new BuildStep("build", Command.of(argv).withCwd(ctx.sourceDir())));
  }

  @Override
  public BuildStep testStep(BuildContext ctx) {
    List<String> argv = new ArrayList<>(List.of("go", "test", "-json", "-count=1", "-trimpath"));
    argv.addAll(tags(ctx.settings()));
    argv.add("-timeout=" + ctx.settings().testTimeout().toSeconds() + "s");
    ctx.runner().filter(Runner::emulated).ifPresent(r -> argv.add("-exec=" + GoProject.execString(r.standaloneArgv())));
    argv.add("./...");
    return new BuildStep("test", Command.of(argv).withCwd(ctx.sourceDir()));
  }

  private static List<String> tags(TargetSettings settings) {
    List<String> features = settings.features();
    return features.isEmpty() ? List.of() : List.of("-tags=" + String.join(",", features));
  }

  @Override
  public TestParser testParser() {
    return new GoTestEvents();
  }
}
