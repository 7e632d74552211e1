package dev.crosskit.sysroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The configuration of one private apt directory: its sources list (one Debian suite, one
 * architecture, or the suite's sources), the {@code -o} options that make apt-get read and
 * write only there, and the directory's layout (lists, cache, archives, an empty dpkg status).
 */
final class AptConfig {
  private final DebianSuites suites;
  private final DebianSuite suite;
  private final String mirror;
  private final String debianArch;
  private final boolean sources;
  private final Path dir;

  AptConfig(DebianSuites suites, DebianSuite suite, String mirror, String debianArch, boolean sources, Path dir) {
    this.suites = suites;
    this.suite = suite;
    this.mirror = mirror;
    this.debianArch = debianArch;
    this.sources = sources;
    this.dir = dir;
  }

  String mirror() {
    return mirror;
  }

  Path archives() {
    return dir.resolve("archives");
  }

  /** The sources list: one line per distribution of the suite, each Signed-By Debian's archive keyring. */
  String sourcesList() {
    StringBuilder sb = new StringBuilder("# written by crosskit: a private apt configuration, not the host's\n");
    for (String dist : suite.dists()) {
      sb.append(sources ? "deb-src" : "deb").append(" [signed-by=").append(suites.keyring()).append("] ")
          .append(mirror).append(' ').append(dist).append(' ')
          .append(String.join(" ", suites.components())).append('\n');
    }
    return sb.toString();
  }

  /** The {@code -o} options that make apt-get use only this directory. */
  List<String> options() {
    List<String> o = new ArrayList<>();
    opt(o, "Dir::Etc::SourceList", dir.resolve("sources.list").toString());
    opt(o, "Dir::Etc::SourceParts", "/dev/null");
    opt(o, "Dir::Etc::Preferences", "/dev/null");
    opt(o, "Dir::Etc::PreferencesParts", "/dev/null");
    opt(o, "Dir::State::Lists", dir.resolve("lists").toString());
    opt(o, "Dir::State::status", dir.resolve("status").toString());
    opt(o, "Dir::Cache", dir.resolve("cache").toString());
    opt(o, "APT::Architecture", debianArch);
    opt(o, "APT::Architectures", debianArch);
    opt(o, "APT::Install-Recommends", "false");
    opt(o, "APT::Install-Suggests", "false");
    opt(o, "Acquire::Languages", "none");
    opt(o, "Debug::NoLocking", "1");
    // a name apt does not know is an error, never a regular expression over package names
    opt(o, "APT::Cmd::Pattern-Only", "true");
    if ("root".equals(System.getProperty("user.name"))) {
      // apt drops to the _apt user for downloads, which cannot write into root's cache directory.
      opt(o, "APT::Sandbox::User", "root");
    }
    return o;
  }

  /**
   * apt-get's argv: crosskit's options, then {@code args} (the command and its flags), then
   * {@code --} and the package names, which apt can then only read as names.
   */
  List<String> argv(List<String> args, List<String> names) {
    List<String> argv = new ArrayList<>(List.of("apt-get", "-q"));
    argv.addAll(options());
    if (!args.contains("-s") && !args.contains("--print-uris")) {
      argv.add("-y");
    }
    argv.addAll(args);
    argv.add("--");
    argv.addAll(names);
    return argv;
  }

  private static void opt(List<String> o, String key, String value) {
    o.add("-o");
    o.add(key + "=" + value);
  }

  /** Creates the directory's layout and sources list; a changed list makes the next update read the indexes again. */
  void prepare() {
    try {
      Files.createDirectories(dir.resolve("lists/partial"));
      Files.createDirectories(dir.resolve("cache/archives/partial"));
      Files.createDirectories(archives());
      Path status = dir.resolve("status");
      if (!Files.exists(status)) {
        // An empty dpkg status: nothing counts as installed, so apt resolves every dependency.
        Files.writeString(status, "");
      }
      Path list = dir.resolve("sources.list");
      String wanted = sourcesList();
      if (!Files.exists(list) || !Files.readString(list).equals(wanted)) {
        Files.writeString(list, wanted);
        Files.deleteIfExists(updatedMarker());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare apt directory " + dir, e);
    }
  }

  Path updatedMarker() {
    return dir.resolve("lists/.crosskit-updated");
  }

  /** Notes that the indexes were read now (the next update within a day uses them as they are). */
  void markUpdated() {
    Path marker = updatedMarker();
    try {
      Files.writeString(marker, Instant.now().toString());
      Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the first (required) distribution's index for this architecture is on disk. */
  boolean mainIndexPresent() {
    String dist = "_dists_" + suite.dists().get(0) + "_";
    String kind = sources ? "_source_Sources" : "_binary-" + debianArch + "_Packages";
    try (Stream<Path> files = Files.list(dir.resolve("lists"))) {
      return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.contains(dist) && n.contains(kind));
    } catch (IOException e) {
      return false;
    }
  }
}
