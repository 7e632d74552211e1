package dev.crosskit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.Json;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.base.RegularFiles;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.base.UserException;
import dev.crosskit.base.Versions;
import dev.crosskit.sysroot.DebExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The macOS SDKs added with {@code crosskit sdk add}, kept in crosskit's cache as
 * {@code sdks/MacOSX<version>.sdk/} with {@code sdks/MacOSX<version>.sdk.json} beside each (its
 * version, where it came from, when it was added). An SDK is copied or unpacked next to its
 * final place, validated, and moved in only when complete; adding the same version again
 * replaces it.
 */
public final class SdkStore {
  private static final String META = ".json";

  private final Path dir;

  /** @param dir the store's directory ({@code <cache>/sdks}) */
  public SdkStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * One SDK in the store.
   *
   * @param source the directory or tarball it was added from
   * @param added when, ISO-8601
   */
  public record Stored(MacSdk sdk, String source, String added) {
    public String name() {
      return sdk.name();
    }
  }

  /** Adds an SDK from a directory or a tar archive (.tar, .tar.gz, .tar.xz, .tar.bz2). */
  public Stored add(Path source) {
    Path src = source.toAbsolutePath().normalize();
    if (!Files.exists(src)) {
      throw new BadInputException("no such file or directory: " + source);
    }
    try {
      Files.createDirectories(dir);
      StagedDirectory.removeLeftovers(dir.resolve("incoming"));
      try (StagedDirectory work = new StagedDirectory(dir.resolve("incoming"))) {
        Path root;
        if (Files.isDirectory(src)) {
          MacSdk.read(src, source.toString()); // before copying anything
          if (dir.startsWith(src.toRealPath())) {
            throw new BadInputException(source + " holds crosskit's SDK store itself: add the SDK directory instead");
          }
          root = work.path().resolve("sdk");
          SdkCopy.copy(src.toRealPath(), root);
        } else {
          RegularFiles.require(src); // a FIFO or a device would block or never end
          root = SdkArchive.unpack(src, work.path());
        }
        DebExtractor.verifySymlinks(root);
        MacSdk sdk = MacSdk.read(root, source.toString());
        Path target = dir.resolve(sdk.name());
        StagedDirectory.removeLeftovers(target);
        try (StagedDirectory staged = new StagedDirectory(target)) {
          Files.delete(staged.path());
          Files.move(root, staged.path(), StandardCopyOption.ATOMIC_MOVE);
          staged.commit();
        }
        Stored stored = new Stored(MacSdk.read(target, target.toString()), src.toString(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", stored.name());
        meta.put("version", stored.sdk().version());
        meta.put("archs", stored.sdk().archs());
        meta.put("source", stored.source());
        meta.put("added", stored.added());
        AtomicFiles.write(dir.resolve(sdk.name() + META), Json.write(meta) + "\n");
        return stored;
      }
    } catch (dev.crosskit.sysroot.UnsafeArchiveException e) {
      throw new BadInputException(source + " is not a safe SDK archive, nothing was added: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the SDK " + source + " to " + dir, e);
    }
  }

  /** The SDKs in the store, newest version first. */
  public List<Stored> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Stored> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isDirectory).toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || !name.endsWith(".sdk")) {
          continue;
        }
        try {
          MacSdk sdk = MacSdk.read(p, p.toString());
          JsonNode meta = readMeta(dir.resolve(name + META));
          out.add(new Stored(sdk, meta.path("source").asText(""), meta.path("added").asText("")));
        } catch (UserException damaged) {
          // a directory that is no longer a valid SDK is not offered to builds
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.comparing((Stored x) -> x.sdk().version(), Versions::compare).reversed());
    return out;
  }

  /** The newest SDK in the store, if any: what a Darwin build uses when nothing names one. */
  public Optional<MacSdk> newest() {
    return list().stream().findFirst().map(Stored::sdk);
  }

  /**
   * The SDK a setting names: a directory (absolute path), or the version ({@code 14.2}; {@code 14}
   * means the newest 14.x) or name ({@code MacOSX14.2.sdk}) of one in the store.
   *
   * @param what the setting, for the message
   */
  public MacSdk resolve(String value, String what) {
    String v = value.strip();
    if (v.startsWith("~/")) {
      v = System.getProperty("user.home") + v.substring(1);
    }
    if (v.startsWith("/")) {
      return MacSdk.read(Path.of(v), what);
    }
    if (v.contains("/")) {
      throw new BadInputException(what + ": give an absolute path, or the version of an SDK added with"
          + " 'crosskit sdk add', not the relative path '" + value + "'");
    }
    List<Stored> all = list();
    for (Stored s : all) {
      if (s.name().equals(v) || s.sdk().version().equals(v)
          || Versions.isVersion(v) && Versions.sameRelease(s.sdk().version(), v)) {
        return s.sdk();
      }
    }
    throw new BadInputException(what + ": no macOS SDK " + value + " in crosskit's cache ("
        + (all.isEmpty() ? "it has none" : "it has " + String.join(", ", all.stream().map(x -> x.sdk().version()).toList()))
        + "); add it with 'crosskit sdk add PATH|TARBALL'");
  }

  /** Removes an SDK by version or name. @return what was removed, empty when there was no such SDK */
  public Optional<Stored> remove(String versionOrName) {
    for (Stored s : list()) {
      if (s.name().equals(versionOrName) || s.sdk().version().equals(versionOrName)) {
        try {
          Deletion.tree(dir.resolve(s.name()));
          Files.deleteIfExists(dir.resolve(s.name() + META));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove " + dir.resolve(s.name()), e);
        }
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public Path dir() {
    return dir;
  }

  private static JsonNode readMeta(Path file) {
    try {
      return Files.isRegularFile(file) ? JsonTreeReader.read(file) : JsonNodeFactory.instance.objectNode();
    } catch (IOException e) {
      return JsonNodeFactory.instance.objectNode(); // only the source and date are lost
    }
  }
}
