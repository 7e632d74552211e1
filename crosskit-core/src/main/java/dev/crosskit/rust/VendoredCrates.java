package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.Deletion;
import dev.crosskit.base.Digests;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.Json;
import dev.crosskit.base.UserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The crates.io crates of the standard library's Cargo.lock, taken from the {@code vendor/}
 * directory of the orig tarball of Debian's rustc source package, for a rust-web-src that ships
 * none. Only those crates are unpacked (plain files and directories: a link in a crate is
 * refused), each is checked file by file against its {@code .cargo-checksum.json} and its
 * package checksum against the lock file, and Debian's patches for them are applied. Crates
 * Debian removed from its tarball (the Windows import-library crates) are reported as absent.
 */
final class VendoredCrates {
  static final String DONE = ".crosskit-vendor-complete";
  static final String CHECKSUMS = ".cargo-checksum.json";

  /**
   * @param crates the crates unpacked and verified
   * @param absent locked crates the tarball does not have
   * @param patched crates Debian's patches changed (their checksum file was written anew)
   * @param files regular files verified against the checksum files
   */
  record Outcome(List<String> crates, List<String> absent, Set<String> patched, int files) {
    String summary() {
      return crates.size() + " crates (" + files + " files) verified against their .cargo-checksum.json"
          + (patched.isEmpty() ? "" : "; Debian's patches applied to " + String.join(", ", patched))
          + (absent.isEmpty() ? "" : "; not in Debian's tarball: " + String.join(", ", absent));
    }
  }

  private VendoredCrates() {}

  /**
   * Makes {@code dest} (a vendor directory) from the tarball: unpack into a staging directory,
   * verify, patch, then move into place in one step.
   */
  static Outcome unpack(Path tarball, List<CargoLock.Crate> lock, DebianPatches patches, Path dest,
      Consumer<String> progress) {
    Path staging = dest.resolveSibling(".staging-" + dest.getFileName() + "-" + ProcessHandle.current().pid());
    Path work = dest.resolveSibling(".work-" + dest.getFileName() + "-" + ProcessHandle.current().pid());
    try {
      Deletion.tree(staging);
      Files.createDirectories(staging);
      Map<String, CargoLock.Crate> wanted = new LinkedHashMap<>();
      lock.forEach(c -> wanted.put(c.dirName(), c));
      progress.accept("unpacking the standard library's " + wanted.size() + " locked crates from " + tarball.getFileName());
      Set<String> found = extract(tarball, wanted.keySet(), staging);
      List<String> crates = new ArrayList<>();
      List<String> absent = new ArrayList<>();
      int files = 0;
      for (CargoLock.Crate c : lock) {
        if (found.contains(c.dirName())) {
          files += verify(staging.resolve(c.dirName()), c);
          crates.add(c.dirName());
        } else {
          absent.add(c.dirName());
        }
      }
      // Debian's patches take paths relative to the source root, so the crates sit under vendor/ there.
      Path root = Files.createDirectories(work.resolve("root"));
      Files.move(staging, root.resolve("vendor"));
      Set<String> patched = patches.applyToVendor(root, new HashSet<>(crates), work);
      for (String crate : patched) {
        rewriteChecksums(root.resolve("vendor").resolve(crate));
      }
      Outcome outcome = new Outcome(crates, absent, patched, files);
      Files.writeString(root.resolve("vendor").resolve(DONE), outcome.summary() + "\n");
      Files.createDirectories(dest.getParent());
      try {
        Files.move(root.resolve("vendor"), dest, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException madeMeanwhile) {
        // another crosskit unpacked the same tarball first: its copy is as good
      }
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the standard library's crates from " + tarball, e);
    } finally {
      Deletion.treeUnchecked(staging);
      Deletion.treeUnchecked(work);
    }
  }

  /** Writes the files under {@code <top>/vendor/<crate>/} of the wanted crates into {@code dest/<crate>/}. */
  static Set<String> extract(Path tarball, Set<String> wanted, Path dest) throws IOException {
    Set<String> found = new HashSet<>();
    String origin = tarball.getFileName().toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String[] parts = e.getName().split("/", 4);
        if (parts.length < 3 || !parts[1].equals("vendor") || !wanted.contains(parts[2])) {
          continue;
        }
        String rel = parts.length == 4 ? parts[3] : "";
        for (String p : rel.split("/")) {
          if (p.equals("..") || p.equals(".") || rel.startsWith("/") || rel.indexOf('\0') >= 0) {
            throw new FailedException("refused " + origin + ": entry '" + e.getName() + "' leaves its crate");
          }
        }
        found.add(parts[2]);
        Path target = dest.resolve(parts[2]).resolve(rel.isEmpty() ? "." : rel).normalize();
        if (!target.startsWith(dest.resolve(parts[2]))) {
          throw new FailedException("refused " + origin + ": entry '" + e.getName() + "' leaves its crate");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isSymbolicLink() || e.isLink() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
          // crates.io crates never hold links or devices; one here would be a tampered tarball
          throw new FailedException("refused " + origin + ": entry '" + e.getName() + "' is not a plain file");
        } else if (e.isFile()) {
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            tar.transferTo(out);
          }
        } else {
          throw new FailedException("refused " + origin + ": entry '" + e.getName() + "' is not a plain file");
        }
      }
    }
    return found;
  }

  /**
   * Checks a crate against its {@code .cargo-checksum.json}: the package checksum equals the
   * lock file's, every listed file is there with its SHA-256, and no file is unlisted.
   *
   * @return the number of files checked
   */
  static int verify(Path crate, CargoLock.Crate locked) throws IOException {
    String name = crate.getFileName().toString();
    Path sums = crate.resolve(CHECKSUMS);
    if (!Files.isRegularFile(sums)) {
      throw new FailedException("vendored crate " + name + " has no " + CHECKSUMS);
    }
    JsonNode json = Json.mapper().readTree(sums.toFile());
    if (!locked.checksum().equals(json.path("package").asText())) {
      throw new FailedException("vendored crate " + name + " is not the one library/Cargo.lock names: package checksum "
          + json.path("package").asText() + ", expected " + locked.checksum());
    }
    Set<String> listed = new HashSet<>();
    for (var it = json.path("files").fields(); it.hasNext(); ) {
      var f = it.next();
      listed.add(f.getKey());
      Path p = crate.resolve(f.getKey()).normalize();
      if (!p.startsWith(crate) || !Files.isRegularFile(p)) {
        throw new FailedException("vendored crate " + name + " lacks " + f.getKey() + ", which its " + CHECKSUMS + " lists");
      }
      if (!Digests.sha256(p).equals(f.getValue().asText())) {
        throw new FailedException("vendored crate " + name + ": " + f.getKey() + " does not match its checksum");
      }
    }
    try (Stream<Path> walk = Files.walk(crate)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = crate.relativize(p).toString();
        if (!rel.equals(CHECKSUMS) && !listed.contains(rel)) {
          throw new FailedException("vendored crate " + name + " has " + rel + ", which its " + CHECKSUMS + " does not list");
        }
      }
    }
    return listed.size();
  }

  /** After a patch: the crate's checksum file lists its files as they now are (Cargo checks them on every build). */
  static void rewriteChecksums(Path crate) throws IOException {
    Path sums = crate.resolve(CHECKSUMS);
    ObjectNode json = (ObjectNode) Json.mapper().readTree(sums.toFile());
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(crate)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = crate.relativize(p).toString();
        if (!rel.equals(CHECKSUMS)) {
          files.put(rel, Digests.sha256(p));
        }
      }
    }
    ObjectNode node = json.putObject("files");
    files.forEach(node::put);
    Files.writeString(sums, Json.mapper().writeValueAsString(json));
  }
}
