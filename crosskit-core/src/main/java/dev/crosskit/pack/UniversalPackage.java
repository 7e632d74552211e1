package dev.crosskit.pack;

import dev.crosskit.base.Deletion;
import dev.crosskit.base.Digests;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code [package] universal = true}: one more archive, {@code darwin-universal}, whose files are
 * the x86_64-macos and aarch64-macos artifacts of the same name merged into universal binaries
 * (what a Mac of either kind runs). The merged files are kept in {@code <out>/darwin-universal/}.
 */
final class UniversalPackage {
  static final String NAME = "darwin-universal";

  private final UniversalBinaries lipo;
  private final LastBuild build;

  UniversalPackage(UniversalBinaries lipo, LastBuild build) {
    this.lipo = lipo;
    this.build = build;
  }

  /** What goes into the archive, or why there is none (then {@code skipped} says so). */
  record Plan(Target mac, List<Path> merged, List<Path> docs, List<PackageManifest.Content> contents, boolean passed) {}

  /**
   * Merges the two macOS targets' artifacts.
   *
   * @return empty, with the reason added to {@code skipped}, when the build lacks one of the two
   *     targets or their artifacts do not pair up by name
   */
  Optional<Plan> plan(Map<TargetResult, Target> chosen, List<Path> docs,
      List<PackageManifest.Skipped> skipped) throws IOException {
    TargetResult x86 = null;
    TargetResult arm = null;
    for (var e : chosen.entrySet()) {
      String arch = e.getValue().field("appleArch").orElse("");
      if (e.getValue().os().equals("macos") && arch.equals("x86_64")) {
        x86 = e.getKey();
      } else if (e.getValue().os().equals("macos") && arch.equals("arm64")) {
        arm = e.getKey();
      }
    }
    if (x86 == null || arm == null) {
      skipped.add(new PackageManifest.Skipped(NAME, "[package] universal needs both x86_64-macos and aarch64-macos"
          + " packaged from the last build; it has " + (x86 != null ? "x86_64-macos only" : arm != null
          ? "aarch64-macos only" : "neither")));
      return Optional.empty();
    }
    Map<String, Artifact> x86Files = byName(x86);
    Map<String, Artifact> armFiles = byName(arm);
    if (!x86Files.keySet().equals(armFiles.keySet())) {
      skipped.add(new PackageManifest.Skipped(NAME, "the macOS artifacts do not pair up by name: x86_64-macos has "
          + x86Files.keySet() + ", aarch64-macos " + armFiles.keySet()));
      return Optional.empty();
    }
    Path dir = build.outDir().resolve(NAME);
    Deletion.tree(dir);
    List<Path> merged = new ArrayList<>();
    List<PackageManifest.Content> contents = new ArrayList<>();
    boolean passed = true;
    Map<String, UniversalBinaries.Merged> byName = new TreeMap<>();
    Map<String, String> links = new TreeMap<>();
    for (String name : x86Files.keySet()) {
      Path x86File = build.file(x86Files.get(name));
      Path armFile = build.file(armFiles.get(name));
      String link = sameLink(x86File, armFile, x86Files.keySet());
      if (link != null) {
        links.put(name, link);
        continue;
      }
      UniversalBinaries.Merged m = lipo.merge(x86File, armFile, dir.resolve(name));
      byName.put(name, m);
      merged.add(m.file());
      contents.add(new PackageManifest.Content(name, Files.size(m.file()), Digests.sha256(m.file()), m.passed(),
          m.identity(), m.findings()));
      passed &= m.passed();
    }
    // a link among the artifacts (libfoo.dylib -> libfoo.1.dylib) stays a link, to the merged file beside it
    // (LastBuild.file has checked that a link points at a regular file beside it, so at a merged one)
    for (var l : links.entrySet()) {
      Path link = Files.createSymbolicLink(dir.resolve(l.getKey()), Path.of(l.getValue()));
      UniversalBinaries.Merged target = byName.get(l.getValue());
      merged.add(link);
      contents.add(new PackageManifest.Content(l.getKey(), Files.size(link), Digests.sha256(link), target.passed(),
          target.identity(), target.findings()));
    }
    merged.sort(Comparator.comparing(Path::getFileName));
    contents.sort(Comparator.comparing(PackageManifest.Content::path));
    return Optional.of(new Plan(chosen.get(arm), merged, docs, contents, passed));
  }

  /** Writes the archive, its top directory named {@code base}, into {@code dist}; returns its manifest entry. */
  PackageManifest.File write(Plan plan, String base, String format, long epoch, Path dist) throws IOException {
    List<ArchiveEntry> entries = new ArrayList<>();
    for (Path f : plan.merged()) {
      String link = Files.isSymbolicLink(f) ? Files.readSymbolicLink(f).toString() : null;
      entries.add(new ArchiveEntry(base + "/" + f.getFileName(), f, true, link));
    }
    plan.docs().forEach(d -> entries.add(new ArchiveEntry(base + "/" + d.getFileName(), d, false)));
    String fileName = base + "." + format;
    Path written = dist.resolve(fileName);
    try (OutputStream out = Files.newOutputStream(written)) {
      Archives.write(format, entries, epoch, out);
    }
    return new PackageManifest.File(NAME, fileName, format, Files.size(written), Digests.sha256(written),
        plan.passed(), plan.contents());
  }

  /**
   * The file both builds' artifacts link to, when both are links to the same artifact beside them
   * (then the universal archive holds a link too); else null, and the files are merged.
   */
  private static String sameLink(Path x86, Path arm, java.util.Set<String> names) throws IOException {
    if (!Files.isSymbolicLink(x86) || !Files.isSymbolicLink(arm)) {
      return null;
    }
    String target = Files.readSymbolicLink(x86).toString();
    return target.equals(Files.readSymbolicLink(arm).toString()) && names.contains(target) ? target : null;
  }

  private Map<String, Artifact> byName(TargetResult r) {
    Map<String, Artifact> m = new TreeMap<>();
    r.artifacts().forEach(a -> m.put(Path.of(a.path()).getFileName().toString(), a));
    return m;
  }
}
