package dev.crosskit.pack;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Digests;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.Json;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.TargetResult;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code crosskit package}: one archive per target of the last build in {@code dist/}, plus
 * SHA256SUMS and manifest.json. Each archive holds a top directory named like the archive with
 * the target's artifacts and the project's top-level README/LICENSE/COPYING files in it.
 */
public final class Packager {
  private static final Pattern DOC_FILES = Pattern.compile("(?i)(readme|license|licence|copying|notice)([.-].*)?");

  /**
   * How to package.
   *
   * @param format {@code auto} (tar.gz, zip for Windows), {@code tar.gz} or {@code zip}; overrides [package] format
   * @param template the name template; overrides [package] name-template
   */
  public record Options(List<String> targets, boolean allowFailed, Optional<ArchiveFormat> format,
      Optional<String> template, long sourceDateEpoch) {}

  private final ProjectConfig config;
  private final LastBuild build;
  private final UniversalBinaries universal;
  private final TargetResolver resolver = TargetResolver.builtIn();

  public Packager(ProjectConfig config, LastBuild build) {
    this(config, build, new UniversalBinaries(null, Optional.empty()));
  }

  /** @param universal what merges macOS builds when [package] universal is set */
  public Packager(ProjectConfig config, LastBuild build, UniversalBinaries universal) {
    this.config = config;
    this.build = build;
    this.universal = universal;
  }

  /**
   * An artifact's path under its target's {@code artifacts/} directory ({@code bin/tool},
   * {@code lib/libz.so.1}): the archive keeps the install tree's layout.
   */
  static String inArtifacts(TargetResult r, Artifact a) {
    Path p = Path.of(a.path());
    Path dir = Path.of(r.target(), "artifacts");
    return p.startsWith(dir) && p.getNameCount() > dir.getNameCount() ? dir.relativize(p).toString()
        : p.getFileName().toString();
  }

  /** Writes {@code <out>/dist/} and returns its manifest. */
  public PackageManifest pack(Options o) throws IOException {
    String version = config.version().orElseThrow(() -> new BadInputException("no version to put in the archive names:"
        + " set [project] version in " + config.projectDir().resolve("crosskit.toml")));
    String templateText = o.template().or(() -> setting("name-template")).orElse(NameTemplate.DEFAULT);
    NameTemplate template;
    try {
      template = new NameTemplate(templateText);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    List<PackageManifest.Skipped> skipped = new ArrayList<>();
    Map<TargetResult, Target> chosen = new LinkedHashMap<>();
    for (TargetResult r : build.select(o.targets())) {
      List<Artifact> bad = r.artifacts().stream().filter(a -> !a.verified()).toList();
      if (r.artifacts().isEmpty()) {
        skipped.add(new PackageManifest.Skipped(r.target(), "the build produced no artifacts"));
      } else if (!o.allowFailed() && !r.passed()) {
        skipped.add(new PackageManifest.Skipped(r.target(), "failed " + r.steps().stream()
            .filter(s -> s.status().unsuccessful()).map(s -> s.step().id()).toList() + " (--allow-failed packages it anyway)"));
      } else if (!o.allowFailed() && !bad.isEmpty()) {
        skipped.add(new PackageManifest.Skipped(r.target(), "artifacts failed verify: " + bad.stream()
            .map(a -> Path.of(a.path()).getFileName().toString()).toList() + " (--allow-failed packages them anyway)"));
      } else {
        chosen.put(r, resolver.target(r.target()));
      }
    }
    if (chosen.isEmpty()) {
      throw new FailedException("nothing to package: " + skipped.stream().map(k -> k.target() + " " + k.reason())
          .toList());
    }
    Map<TargetResult, String> names = names(chosen, template, templateText.equals(NameTemplate.DEFAULT), version);
    List<PackageManifest.File> files = new ArrayList<>();
    Path dist = build.outDir().resolve("dist");
    try (StagedDirectory staged = new StagedDirectory(dist)) {
      for (var e : chosen.entrySet()) {
        TargetResult r = e.getKey();
        Target t = e.getValue();
        String format = o.format().or(() -> setting(config.forTarget(t).tree(), "format").map(ArchiveFormat::of))
            .orElse(ArchiveFormat.AUTO).forTarget(t);
        String base = names.get(r);
        List<ArchiveEntry> entries = new ArrayList<>();
        List<PackageManifest.Content> contents = new ArrayList<>();
        for (Artifact a : r.artifacts()) {
          Path p = build.file(a);
          String name = inArtifacts(r, a);
          // a link among the artifacts (libfoo.so -> libfoo.so.1) stays a link; LastBuild checked it stays beside them
          String link = Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
          entries.add(new ArchiveEntry(base + "/" + name, p, true, link));
          contents.add(new PackageManifest.Content(name, a.size(), a.sha256(), a.verified(), a.identity(),
              a.findings()));
        }
        for (Path doc : docFiles()) {
          entries.add(new ArchiveEntry(base + "/" + doc.getFileName(), doc, false));
        }
        String fileName = base + "." + format;
        try (OutputStream out = Files.newOutputStream(staged.path().resolve(fileName))) {
          Archives.write(format, entries, o.sourceDateEpoch(), out);
        }
        Path written = staged.path().resolve(fileName);
        files.add(new PackageManifest.File(r.target(), fileName, format, Files.size(written),
            Digests.sha256(written), r.passed() && r.artifacts().stream().allMatch(Artifact::verified), contents));
      }
      if (config.tree().path("package").path("universal").asBoolean(false)) {
        UniversalPackage u = new UniversalPackage(universal, build);
        var plan = u.plan(chosen, docFiles(), skipped);
        if (plan.isPresent()) {
          String base;
          try {
            base = template.renderUniversal(config.name(), version, plan.get().mac());
          } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
          }
          String format = o.format().or(() -> setting("format").map(ArchiveFormat::of)).orElse(ArchiveFormat.AUTO)
              .forTarget(plan.get().mac());
          files.add(u.write(plan.get(), base, format, o.sourceDateEpoch(), staged.path()));
        }
      }
      files.sort(Comparator.comparing(PackageManifest.File::file));
      StringBuilder sums = new StringBuilder();
      files.forEach(f -> sums.append(f.sha256()).append("  ").append(f.file()).append('\n'));
      Files.writeString(staged.path().resolve("SHA256SUMS"), sums, StandardCharsets.UTF_8);
      PackageManifest manifest = new PackageManifest(PackageManifest.SCHEMA_VERSION, config.name(), version,
          templateText, o.sourceDateEpoch(), files, skipped);
      Files.writeString(staged.path().resolve("manifest.json"), Json.write(manifest) + "\n", StandardCharsets.UTF_8);
      staged.commit();
      return manifest;
    }
  }

  /**
   * Renders every name. With the default template, targets that would share a name (x86_64
   * glibc and musl) get their libc appended; a user's template that collides is an error.
   */
  private Map<TargetResult, String> names(Map<TargetResult, Target> chosen, NameTemplate template,
      boolean isDefault, String version) {
    Map<TargetResult, String> names = new LinkedHashMap<>();
    for (var e : chosen.entrySet()) {
      try {
        names.put(e.getKey(), template.render(config.name(), version, e.getValue()));
      } catch (IllegalArgumentException ex) {
        throw new BadInputException(ex.getMessage());
      }
    }
    Map<String, List<TargetResult>> byName = new LinkedHashMap<>();
    names.forEach((r, n) -> byName.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
    for (var e : byName.entrySet()) {
      if (e.getValue().size() > 1) {
        if (!isDefault) {
          throw new BadInputException("targets " + e.getValue().stream().map(TargetResult::target).toList()
              + " all get the archive name " + e.getKey() + "; add {libc} or {target} to [package] name-template");
        }
        e.getValue().forEach(r -> names.put(r, e.getKey() + "-" + chosen.get(r).libc()));
      }
    }
    return names;
  }

  private List<Path> docFiles() throws IOException {
    try (var s = Files.list(config.projectDir())) {
      return s.filter(Files::isRegularFile).filter(p -> DOC_FILES.matcher(p.getFileName().toString()).matches())
          .sorted().toList();
    }
  }

  private Optional<String> setting(String key) {
    return setting(config.tree(), key);
  }

  private static Optional<String> setting(com.fasterxml.jackson.databind.JsonNode tree, String key) {
    var n = tree.path("package").path(key);
    return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
  }
}
