package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.RegularFiles;
import dev.crosskit.base.Json;
import dev.crosskit.base.RunLock;
import dev.crosskit.build.SourceDateEpoch;
import dev.crosskit.config.OutputDir;
import dev.crosskit.image.ImageBuilder;
import dev.crosskit.image.ImageInputs;
import dev.crosskit.image.ImageOutput;
import dev.crosskit.image.ImageReference;
import dev.crosskit.pack.LastBuild;
import dev.crosskit.report.Table;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crosskit image}: a multi-platform OCI image from the last build's static Linux binaries, no Docker. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = {"Build an OCI image per Linux target of the last build, and an image index over them.",
        "No Docker is involved: an empty base, the binary at /NAME as the entrypoint, and",
        "os/architecture/variant from the target. The same binaries and SOURCE_DATE_EPOCH",
        "give the same digests."},
    footer = {"", "Outputs: oci:DIR (an OCI layout directory; default oci:<out>/image) or",
        "oci-archive:FILE (a tar of it). An existing layout gets the image added under its tag,",
        "its other images and files kept; an existing file is replaced only if it is an archive",
        "crosskit wrote. Read them with skopeo inspect oci:DIR:TAG;",
        "push with skopeo copy oci-archive:FILE:TAG docker://REGISTRY/NAME:TAG.",
        "Without --target the image holds the last build's static Linux targets and names",
        "those it left out (dynamically linked, failed, not Linux).",
        "Exit code: 0 written, 1 no target to use, 2 bad usage, no build yet, or a",
        "dynamically linked binary of a named --target without --base-layer.",
        "", "Examples:",
        "  crosskit build --target x86_64-linux-musl --target aarch64-linux-musl",
        "  crosskit image --tag ckcalc:1.0",
        "  crosskit image --tag example.org/ckcalc:1.0 --output oci-archive:ckcalc.tar",
        "  crosskit image --tag app:1 --target aarch64-linux-gnu --base-layer rootfs.tgz"})
final class ImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.Project project;
  @Mixin SharedOptions.Targets targets;
  @Mixin SharedOptions.Out out;

  @Option(names = "--tag", required = true, paramLabel = "NAME:TAG", description = "The image reference, e.g. ckcalc:1.0.")
  String tag;

  @Option(names = "--output", paramLabel = "oci:DIR|oci-archive:FILE", description = "Where to write (default oci:<out>/image).")
  String output;

  @Option(names = "--binary", paramLabel = "NAME", description = "The artifact to run when a target has several.")
  String binary;

  @Option(names = "--base-layer", paramLabel = "TAR", description = "A tar or tar.gz put under the binary (e.g. the libraries a dynamic binary needs).")
  Path baseLayer;

  @Option(names = "--allow-failed", description = "Also use targets whose build, verify or tests failed.")
  boolean allowFailed;

  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = project.dir();
    OutputDir outDir = out.of(project);
    ImageReference ref = ImageReference.parse(tag);
    ImageOutput destination = ImageOutput.of(output, outDir);
    if (baseLayer != null && RegularFiles.problem(baseLayer) != null) {
      throw new BadInputException("--base-layer " + baseLayer + ": " + RegularFiles.problem(baseLayer));
    }
    if (baseLayer != null) {
      ImageBuilder.checkBaseLayer(baseLayer);
    }
    List<String> names = CliTargets.all(err, targets.spellings()).stream().map(Target::name).toList();
    List<String> notes = new ArrayList<>();
    ImageBuilder.Written w;
    try (RunLock held = outDir.lock("crosskit image")) {
      LastBuild build = LastBuild.read(outDir.path());
      List<ImageBuilder.Input> inputs = ImageInputs.select(build, names, Optional.ofNullable(binary), baseLayer != null,
          allowFailed, notes);
      ImageBuilder builder = new ImageBuilder(SourceDateEpoch.of(dir, System.getenv(), Main.host(spec).processes())
          .seconds(), Optional.ofNullable(baseLayer));
      w = destination.write(builder, ref, inputs);
    }
    if (json.json) {
      stdout.println(Json.write(w));
      notes.forEach(n -> err.println("crosskit: skipped " + n)); // stdout holds the JSON alone
    } else {
      Table table = new Table("TARGET", "PLATFORM", "MANIFEST", "LAYER SIZE");
      w.manifests().forEach(m -> table.row(m.target(), m.platform(), m.manifest().digest(), m.layer().size()));
      stdout.print(table.render());
      notes.forEach(n -> stdout.println("skipped " + n));
      stdout.println("Wrote " + ref + " (index " + w.index().digest() + ") to " + destination);
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
