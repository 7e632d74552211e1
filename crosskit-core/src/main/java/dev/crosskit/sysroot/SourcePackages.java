package dev.crosskit.sysroot;

import dev.crosskit.base.DebianPackageName;
import dev.crosskit.base.Digests;
import dev.crosskit.base.FailedException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian source packages through a {@link PrivateApt} configured for sources
 * ({@link PrivateApt#sources}): whole packages unpacked, their files downloaded only, or single
 * files at an exact version. apt checks every file against the suite's signed Sources index.
 */
public final class SourcePackages {
  private final PrivateApt apt;

  SourcePackages(PrivateApt apt) {
    this.apt = apt;
  }

  /**
   * Fetches a source package's files ({@code apt-get --download-only source}: the .dsc and its
   * tarballs, each checked by apt against the signed Sources index) into
   * {@code <dir>/source-files/<package>/} without unpacking them; files already there are not
   * fetched again. For packages whose unpacked tree crosskit needs only a small part of (gcc).
   */
  public Path sourceFiles(String sourcePackage) {
    Path files = apt.dir().resolve("source-files").resolve(sourcePackage);
    // Written once apt has fetched and checked every file: an interrupted download is resumed by
    // apt (it keeps and re-checks the files it has) instead of being trusted.
    Path complete = files.resolve(".crosskit-complete");
    if (Files.isRegularFile(complete)) {
      return files;
    }
    DebianPackageName.check(sourcePackage);
    apt.prepare();
    apt.say("apt: downloading the " + sourcePackage + " source package from " + apt.suite().name());
    try {
      Files.createDirectories(files);
      Result r = apt.apt(List.of("--download-only", "source"), List.of(sourcePackage), PrivateApt.DOWNLOAD_TIMEOUT, files);
      boolean dsc;
      try (Stream<Path> s = Files.list(files)) {
        dsc = s.anyMatch(p -> p.getFileName().toString().endsWith(".dsc"));
      }
      if (!r.ok() || !dsc) {
        throw new FailedException("apt-get source " + sourcePackage + " failed in " + apt.suite().name() + ": "
            + PrivateApt.orTail(AptOutput.errors(r.output() + "\n" + r.error()), r));
      }
      Files.writeString(complete, Instant.now().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /**
   * Fetches and unpacks a source package ({@code apt-get source}) under {@code <dir>/src}; apt
   * checks the .dsc and tarballs against the signed Sources index. Returns the unpacked tree.
   */
  public Path source(String sourcePackage) {
    DebianPackageName.check(sourcePackage);
    Path src = apt.dir().resolve("src");
    try {
      Files.createDirectories(src);
      Path existing = unpackedSource(src, sourcePackage);
      if (existing != null) {
        return existing;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    apt.say("apt: fetching the " + sourcePackage + " source package from " + apt.suite().name());
    Result r = apt.apt(List.of("source"), List.of(sourcePackage), PrivateApt.DOWNLOAD_TIMEOUT, src);
    try {
      Path unpacked = unpackedSource(src, sourcePackage);
      if (!r.ok() || unpacked == null) {
        throw new FailedException("apt-get source " + sourcePackage + " failed in " + apt.suite().name() + ": "
            + PrivateApt.orTail(AptOutput.errors(r.output() + "\n" + r.error()), r));
      }
      return unpacked;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One file of a source package as the signed Sources index lists it.
   *
   * @param uri where the archive serves it
   * @param name the file name ({@code rustc-web_1.85.0+dfsg3.orig.tar.xz})
   */
  public record SourceFile(String uri, String name, long size, String sha256) {}

  // 'http://deb.debian.org/debian/pool/main/r/rustc-web/rustc-web_1.85.0%2bdfsg3.orig.tar.xz' rustc-web_1.85.0+dfsg3.orig.tar.xz 83014324 SHA256:8cfa...
  private static final Pattern SOURCE_URI =
      Pattern.compile("^'([^']+)' (\\S+) (\\d+) SHA256:([0-9a-f]{64})$");

  /**
   * The files of source package {@code name} at exactly {@code version}, from the suite's
   * Sources index ({@code apt-get source --print-uris}; nothing is downloaded). Empty when the
   * suite does not have that version.
   */
  public List<SourceFile> sourceFiles(String name, String version) {
    Result r = apt.apt(List.of("source", "--print-uris"), List.of(DebianPackageName.checkSpec(name + "=" + version)),
        PrivateApt.UPDATE_TIMEOUT, null);
    String all = r.output() + "\n" + r.error();
    if (!r.ok()) {
      if (all.contains("Can not find version") || all.contains("Unable to find a source package")) {
        return List.of();
      }
      throw new FailedException("apt cannot look up source package " + name + " " + version + " in " + apt.suite().name()
          + ": " + PrivateApt.orTail(AptOutput.errors(all), r));
    }
    List<SourceFile> files = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      Matcher m = SOURCE_URI.matcher(line.strip());
      if (m.matches()) {
        files.add(new SourceFile(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4)));
      }
    }
    return files;
  }

  /**
   * Fetches one file of a source package into {@code dir} with apt's own downloader, which
   * checks it against the SHA-256 the signed index gave; a file already there with that
   * checksum is kept. Returns the file.
   */
  public Path fetch(SourceFile file, Path dir) {
    apt.prepare();
    Path dest = dir.resolve(file.name());
    try {
      Files.createDirectories(dir);
      if (Files.isRegularFile(dest) && Files.size(dest) == file.size()
          && Digests.sha256(dest).equals(file.sha256())) {
        return dest;
      }
      Files.deleteIfExists(dest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    apt.say("apt: fetching " + file.name() + " (" + (file.size() + 999_999) / 1_000_000 + " MB) from "
        + apt.suite().name());
    List<String> argv = new ArrayList<>(List.of("/usr/lib/apt/apt-helper"));
    argv.addAll(apt.options());
    argv.addAll(List.of("download-file", file.uri(), dest.toString(), "SHA256:" + file.sha256()));
    Result r = apt.runner().capture(new Command(argv, Map.of("LC_ALL", "C"), dir, PrivateApt.DOWNLOAD_TIMEOUT));
    if (!r.ok() || !Files.isRegularFile(dest)) {
      try {
        Files.deleteIfExists(dest);
      } catch (IOException ignored) {
        // nothing to clean up
      }
      throw new FailedException("apt could not fetch " + file.name() + " from " + apt.suite().name() + ": "
          + PrivateApt.orTail(AptOutput.errors(r.output() + "\n" + r.error()), r));
    }
    return dest;
  }

  private static Path unpackedSource(Path src, String sourcePackage) throws IOException {
    try (Stream<Path> s = Files.list(src)) {
      return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(sourcePackage + "-"))
          .sorted().findFirst().orElse(null);
    }
  }
}
