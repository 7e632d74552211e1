package dev.crosskit.image;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.inspect.BinaryFacts;
import dev.crosskit.inspect.Inspector;
import dev.crosskit.pack.LastBuild;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks, from the last build, the binary each Linux target's image runs. A dynamically linked
 * binary needs a base layer (which must then hold its loader and libraries): on an empty base it
 * could never start. Without one, the default selection (no --target) leaves such targets out
 * with a note, so an image of a mixed matrix holds its static targets; a named one is an error.
 */
public final class ImageInputs {
  private ImageInputs() {}

  /**
   * @param targets canonical names to use; empty means every Linux target of the build
   * @param binary the artifact file name to run, needed when a target has several
   * @param notes receives one line per target left out
   */
  public static List<ImageBuilder.Input> select(LastBuild build, List<String> targets, Optional<String> binary,
      boolean haveBaseLayer, boolean allowFailed, List<String> notes) throws IOException {
    TargetResolver resolver = TargetResolver.builtIn();
    List<ImageBuilder.Input> inputs = new ArrayList<>();
    for (TargetResult r : build.select(targets)) {
      Target t = resolver.target(r.target());
      if (!t.isLinux()) {
        if (!targets.isEmpty()) {
          throw new BadInputException(t.name() + " is not a Linux target; images hold Linux binaries only");
        }
        notes.add(t.name() + ": not Linux, no image");
        continue;
      }
      if (!r.passed() && !allowFailed) {
        notes.add(t.name() + ": failed in the last build, no image (--allow-failed uses it anyway)");
        continue;
      }
      Artifact a = pick(r, binary);
      Path file = build.file(a);
      BinaryFacts facts = Inspector.inspect(file, false);
      if (!"static".equals(facts.linkage()) && !haveBaseLayer && targets.isEmpty()) {
        // by default the image holds the static targets; one named with --target is an error below
        notes.add(t.name() + ": " + file.getFileName() + " is dynamically linked (" + String.join(", ",
            facts.linkedLibraries()) + "), no image (build it statically, e.g. for a musl target, or give"
            + " --base-layer with its libraries)");
        continue;
      }
      if (!"static".equals(facts.linkage()) && !haveBaseLayer) {
        throw new BadInputException(file.getFileName() + " for " + t.name() + " is dynamically linked ("
            + String.join(", ", facts.linkedLibraries()) + ") and an image from an empty base could not run it:"
            + " build it statically (e.g. a musl target) or give --base-layer with its libraries");
      }
      inputs.add(new ImageBuilder.Input(t.name(), Platform.of(t), file, file.getFileName().toString()));
    }
    if (inputs.isEmpty()) {
      throw new FailedException("no Linux target of the last build to put in an image: " + notes);
    }
    for (ImageBuilder.Input a : inputs) {
      List<String> same = inputs.stream().filter(b -> b.platform().equals(a.platform()))
          .map(ImageBuilder.Input::target).toList();
      if (same.size() > 1) {
        throw new BadInputException("targets " + same + " share the platform " + a.platform()
            + "; an image index holds one image per platform: choose one with --target");
      }
    }
    return inputs;
  }

  private static Artifact pick(TargetResult r, Optional<String> binary) {
    List<Artifact> all = r.artifacts();
    if (binary.isPresent()) {
      return all.stream().filter(a -> Path.of(a.path()).getFileName().toString().equals(binary.get())).findFirst()
          .orElseThrow(() -> new BadInputException(r.target() + " has no artifact named " + binary.get() + " ("
              + names(all) + ")"));
    }
    if (all.size() != 1) {
      throw new BadInputException(r.target() + " has " + all.size() + " artifacts " + names(all)
          + "; choose the entrypoint with --binary NAME");
    }
    return all.get(0);
  }

  private static List<String> names(List<Artifact> all) {
    return all.stream().map(a -> Path.of(a.path()).getFileName().toString()).toList();
  }
}
