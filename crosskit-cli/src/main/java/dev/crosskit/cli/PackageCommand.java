package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.base.RunLock;
import dev.crosskit.build.SourceDateEpoch;
import dev.crosskit.config.OutputDir;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.pack.ArchiveFormat;
import dev.crosskit.pack.LastBuild;
import dev.crosskit.pack.PackageManifest;
import dev.crosskit.pack.Packager;
import dev.crosskit.pack.UniversalBinaries;
import dev.crosskit.report.Table;
import dev.crosskit.sdk.LlvmDarwinTools;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit package}: release archives, SHA256SUMS and manifest.json from the last build. */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    description = {"Put each target's artifacts from the last build into a deterministic archive.",
        "The archives go to <out>/dist/ (tar.gz; zip for Windows), with SHA256SUMS and manifest.json.",
        "Entries are sorted, owned by 0/0, modes 0755/0644, with mtime SOURCE_DATE_EPOCH",
        "(else the last commit's time, else 1980-01-01). With [package] universal = true, the",
        "x86_64-macos and aarch64-macos artifacts are also merged (llvm-lipo) into a darwin-universal archive."},
    footer = {"", "Name template placeholders: {name} {version} {target} {os} {arch} {libc},",
        "and the naming schemes {rust} {gnu} {llvm} {zig} {debian} {docker} {uname}",
        "{multiarch} {maven} {javacpp} (see docs/packaging.md).",
        "Exit code: 0 packaged, 1 nothing passed to package, 2 bad usage or no build yet.",
        "", "Examples:",
        "  crosskit build && crosskit package",
        "  crosskit package --target aarch64-linux-gnu --format zip",
        "  crosskit package --name-template '{name}-{version}-{rust}'",
        "  SOURCE_DATE_EPOCH=1700000000 crosskit package --json"})
final class PackageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Targets targets;
  @Mixin SharedOptions.Out out;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "${COMPLETION-CANDIDATES} (overrides [package] format; auto: zip for Windows, else tar.gz).")
  ArchiveFormat format;

  static final class FormatConverter extends LabelledEnum<ArchiveFormat> {
    FormatConverter() {
      super(ArchiveFormat.class);
    }
  }

  @Option(names = "--name-template", paramLabel = "TEMPLATE",
      description = "Archive base name, default {name}-{version}-{os}-{arch} (overrides [package] name-template).")
  String template;

  @Option(names = "--allow-failed", description = "Also package targets whose build, verify or tests failed.")
  boolean allowFailed;

  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = project.dir();
    ProjectConfig config = project.config();
    OutputDir outDir = out.of(project);
    List<String> names = CliTargets.all(err, targets.spellings()).stream().map(Target::name).toList();
    var host = Main.host(spec);
    var universal = new UniversalBinaries(host.processes(), new LlvmDarwinTools(host.tools()).find("lipo"));
    PackageManifest m;
    try (RunLock held = outDir.lock("crosskit package")) {
      LastBuild build = LastBuild.read(outDir.path());
      long epoch = SourceDateEpoch.of(dir, System.getenv(), host.processes()).seconds();
      m = new Packager(config, build, universal).pack(new Packager.Options(names, allowFailed,
          Optional.ofNullable(format), Optional.ofNullable(template), epoch));
    }
    if (json.json) {
      stdout.println(Json.write(m));
    } else {
      Table table = new Table("TARGET", "FILE", "SIZE", "SHA256");
      m.files().forEach(f -> table.row(f.target(), f.file(), String.valueOf(f.size()), f.sha256()));
      stdout.print(table.render());
      m.skipped().forEach(s -> stdout.println("skipped " + s.target() + ": " + s.reason()));
      stdout.println("Wrote " + m.files().size() + " archives, SHA256SUMS and manifest.json to "
          + outDir.resolve("dist"));
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
