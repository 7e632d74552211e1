package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The crates.io packages a Cargo.lock pins (the standard library's: {@code library/Cargo.lock}). */
final class CargoLock {
  private static final TomlMapper TOML = new TomlMapper();

  /** One locked crates.io package; {@code checksum} is the SHA-256 of its .crate file. */
  record Crate(String name, String version, String checksum) {
    /** The directory name {@code cargo vendor} gives it. */
    String dirName() {
      return name + "-" + version;
    }
  }

  private CargoLock() {}

  /** The registry packages of a lock file (path and git dependencies carry no source or no checksum). */
  static List<Crate> registryCrates(Path lockFile) {
    JsonNode root;
    try {
      root = TOML.readTree(lockFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + lockFile, e);
    }
    List<Crate> crates = new ArrayList<>();
    for (JsonNode p : root.path("package")) {
      if (p.path("source").asText("").startsWith("registry+") && p.hasNonNull("checksum")) {
        crates.add(new Crate(p.path("name").asText(), p.path("version").asText(), p.path("checksum").asText()));
      }
    }
    return crates;
  }
}
