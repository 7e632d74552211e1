package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.lock.LockFacts;
import dev.crosskit.lock.LockFile;
import dev.crosskit.lock.TargetLock;
import dev.crosskit.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code crosskit lock}: pins each target's toolchain, emulator, build tools and sysroot in crosskit.lock. */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = {"Pin each target's toolchain in crosskit.lock, next to crosskit.toml.",
        "For each target it records the installed Debian versions of its toolchain, emulator and build tools,",
        "its sysroot's packages with their versions and SHA-256, crosskit's musl, C++ and Rust std recipes,",
        "and the Go or Rust compiler's version.",
        "'crosskit build/test --locked' then fails on any difference, naming the package, the locked and the",
        "found version; report.json gives each target's toolchain fingerprint (a hash of these facts)."},
    footer = {"", "Exit code: 0 written, 2 bad usage or configuration.",
        "", "Examples:",
        "  crosskit lock",
        "  crosskit lock --target aarch64-linux-gnu --json"})
final class LockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Targets targets;
  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = project.dir();
    ProjectConfig config = project.config();
    Map<String, TargetLock> facts = new LockFacts(Main.host(spec)).collect(config,
        CliTargets.ofProject(err, targets.spellings(), config));
    LockFile lock = new LockFile(LockFile.VERSION, facts);
    Path file = lock.write(dir);
    if (json.json) {
      stdout.println(Json.write(lock));
    } else {
      Table table = new Table("TARGET", "FINGERPRINT", "PACKAGES", "SYSROOT PACKAGES");
      facts.forEach((t, l) -> table.row(t, l.fingerprint(), String.valueOf(l.packages().size()),
          String.valueOf(l.sysroot().size())));
      stdout.print(table.render());
      stdout.println("Wrote " + file);
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
