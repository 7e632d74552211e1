package dev.crosskit.cli;

import dev.crosskit.UserException;
import dev.crosskit.build.SourceDateEpoch;
import dev.crosskit.image.ImageBuilder;
import dev.crosskit.image.ImageInputs;
import dev.crosskit.image.ImageReference;
import dev.crosskit.pack.LastBuild;
import dev.crosskit.pack.StagedDirectory;
import dev.crosskit.report.Json;
import dev.crosskit.report.Table;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit image}: a multi-platform OCI image from the last build's static Linux binaries, no Docker. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = {"Build an OCI image per Linux target of the last build and an image index over",
        "them, without Docker: an empty base, the binary at /NAME as the entrypoint, and",
        "os/architecture/variant from the target. The same binaries and SOURCE_DATE_EPOCH",
        "give the same digests."},
    footer = {"", "Outputs: oci:DIR (an OCI layout directory; default oci:<out>/image) or",
        "oci-archive:FILE (a tar of it). Read them with skopeo inspect oci:DIR:TAG;",
        "push with skopeo copy oci-archive:FILE:TAG docker://REGISTRY/NAME:TAG.",
        "Exit code: 0 written, 1 no target to use, 2 bad usage, no build yet, or a",
        "dynamically linked binary without --base-layer.",
        "", "Examples:",
        "  crosskit build --target x86_64-linux-musl --target aarch64-linux-musl",
        "  crosskit image --tag ckcalc:1.0",
        "  crosskit image --tag example.org/ckcalc:1.0 --output oci-archive:ckcalc.tar",
        "  crosskit image --tag app:1 --target aarch64-linux-gnu --base-layer rootfs.tgz"})
final class ImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-C", "--project"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
  Path project = Path.of(".");

  @Option(names = "--tag", required = true, paramLabel = "NAME:TAG", description = "The image reference, e.g. ckcalc:1.0.")
  String tag;

  @Option(names = {"-t", "--target"}, paramLabel = "TARGET",
      description = "A Linux target of the last build (any spelling); repeatable. Default: every Linux target.",
      completionCandidates = CompletionCandidates.Targets.class)
  List<String> targets = new ArrayList<>();

  @Option(names = "--output", paramLabel = "oci:DIR|oci-archive:FILE", description = "Where to write (default oci:<out>/image).")
  String output;

  @Option(names = "--binary", paramLabel = "NAME", description = "The artifact to run when a target has several.")
  String binary;

  @Option(names = "--base-layer", paramLabel = "TAR", description = "A tar or tar.gz put under the binary (e.g. the libraries a dynamic binary needs).")
  Path baseLayer;

  @Option(names = "--allow-failed", description = "Also use targets whose build, verify or tests failed.")
  boolean allowFailed;

  @Option(names = "--out", paramLabel = "DIR", description = "The build output directory (default: <project>/target/crosskit).")
  Path out;

  @Option(names = "--json", description = "Print what was written as JSON.")
  boolean json;

  /** Only an earlier OCI layout (or archive file) is replaced: never a directory or file of the user's. */
  private static void refuseToReplace(Path where, boolean archive) throws IOException {
    if (archive) {
      if (Files.isDirectory(where)) {
        throw new UserException("--output oci-archive:" + where + " is a directory; name a file");
      }
      return;
    }
    if (Files.exists(where) && !Files.isDirectory(where)) {
      throw new UserException("--output oci:" + where + " is a file, not a directory");
    }
    if (Files.isDirectory(where) && !Files.exists(where.resolve("oci-layout"))) {
      try (var entries = Files.list(where)) {
        if (entries.findAny().isPresent()) {
          throw new UserException("--output oci:" + where + " is a non-empty directory that is not an OCI layout;"
              + " crosskit replaces only an earlier layout: choose a new directory");
        }
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = project.toAbsolutePath().normalize();
    Path outDir = (out != null ? out : dir.resolve("target").resolve("crosskit")).toAbsolutePath().normalize();
    ImageReference ref = ImageReference.parse(tag);
    String dest = output != null ? output : "oci:" + outDir.resolve("image");
    boolean archive = dest.startsWith("oci-archive:");
    if (!archive && !dest.startsWith("oci:") || dest.substring(dest.indexOf(':') + 1).isEmpty()) {
      throw new UserException("--output must be oci:DIR or oci-archive:FILE, got '" + dest + "'");
    }
    Path where = Path.of(dest.substring(dest.indexOf(':') + 1)).toAbsolutePath().normalize();
    refuseToReplace(where, archive);
    if (baseLayer != null && !Files.isRegularFile(baseLayer)) {
      throw new UserException("--base-layer " + baseLayer + ": no such file");
    }
    List<String> names = CliTargets.all(err, targets).stream().map(Target::name).toList();
    LastBuild build = LastBuild.read(outDir);
    List<String> notes = new ArrayList<>();
    List<ImageBuilder.Input> inputs = ImageInputs.select(build, names, Optional.ofNullable(binary), baseLayer != null,
        allowFailed, notes);
    ImageBuilder builder = new ImageBuilder(SourceDateEpoch.of(dir, System.getenv()).seconds(),
        Optional.ofNullable(baseLayer));
    ImageBuilder.Written w;
    try (StagedDirectory staged = new StagedDirectory(archive ? where.resolveSibling(where.getFileName() + ".layout")
        : where)) {
      w = builder.writeLayout(staged.path(), ref, inputs);
      if (archive) {
        builder.archive(staged.path(), where);
      } else {
        staged.commit();
      }
    }
    if (json) {
      stdout.println(Json.write(w));
    } else {
      Table table = new Table("TARGET", "PLATFORM", "MANIFEST", "LAYER SIZE");
      w.manifests().forEach(m -> table.row(m.target(), m.platform(), m.manifest().digest(), m.layer().size()));
      stdout.print(table.render());
      notes.forEach(n -> stdout.println("skipped " + n));
      stdout.println("Wrote " + ref + " (index " + w.index().digest() + ") to " + (archive ? "oci-archive:" : "oci:")
          + where);
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
