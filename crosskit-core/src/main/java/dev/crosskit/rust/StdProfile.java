package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.base.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cargo manifest of the one-test crate whose {@code -Zbuild-std} build compiles the standard
 * library, with the profile the std gets. {@code -Zbuild-std} ignores the library's own profiles
 * and uses the building crate's, so this copies the profile Rust's build system (and with it
 * Debian) compiles std with: {@code [profile.dist]} of {@code library/Cargo.toml} (opt-level 3,
 * one codegen unit, bitcode embedded so users' LTO still works, frame pointers) on top of that
 * file's per-crate {@code [profile.release.package]} settings, plus the flags the build system
 * adds itself (rust-std.json {@code stdProfile}).
 */
final class StdProfile {
  private static final TomlMapper TOML = new TomlMapper();
  static final String STUB_NAME = "crosskit-std-stub";

  private StdProfile() {}

  /**
   * @param libraryManifest {@code library/Cargo.toml} of the sources being built
   * @param profileName the library profile to copy ({@code dist})
   * @param fallback the same settings for sources whose library has no such profile (1.85's build
   *     system passed them as flags of its own: one codegen unit, embedded bitcode, frame pointers)
   * @param extraRustflags the build system's own flags for every std crate
   */
  static String stubManifest(Path libraryManifest, String profileName, JsonNode fallback, List<String> extraRustflags) {
    JsonNode profiles;
    try {
      profiles = TOML.readTree(libraryManifest.toFile()).path("profile");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + libraryManifest, e);
    }
    JsonNode dist = profiles.has(profileName) ? profiles.path(profileName) : fallback;
    Map<String, JsonNode> top = new LinkedHashMap<>();
    dist.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("inherits") && !f.getKey().equals("package")) {
        top.put(f.getKey(), f.getValue());
      }
    });
    // Per-crate settings: release's (inherited by dist), then dist's own on top.
    Map<String, Map<String, JsonNode>> packages = new LinkedHashMap<>();
    for (JsonNode layer : List.of(profiles.path("release").path("package"), dist.path("package"))) {
      layer.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(s ->
          packages.computeIfAbsent(p.getKey(), k -> new LinkedHashMap<>()).put(s.getKey(), s.getValue())));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# written by crosskit: builds the Rust standard library with -Zbuild-std\n");
    sb.append("cargo-features = [\"profile-rustflags\"]\n\n");
    sb.append("[package]\nname = \"").append(STUB_NAME).append("\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n");
    sb.append("[workspace]\n\n[profile.release]\n");
    writeSettings(sb, top, extraRustflags);
    packages.forEach((name, settings) -> {
      sb.append("\n[profile.release.package.").append(quoteKey(name)).append("]\n");
      // A crate's own rustflags replace the profile's, so the build system's flags go there too.
      writeSettings(sb, settings, settings.containsKey("rustflags") ? extraRustflags : List.of());
    });
    return sb.toString();
  }

  private static void writeSettings(StringBuilder sb, Map<String, JsonNode> settings, List<String> extraRustflags) {
    boolean flagsWritten = false;
    for (Map.Entry<String, JsonNode> s : settings.entrySet()) {
      JsonNode value = s.getValue();
      if (s.getKey().equals("rustflags")) {
        List<String> flags = new ArrayList<>();
        value.forEach(f -> flags.add(f.asText()));
        flags.addAll(extraRustflags);
        sb.append("rustflags = ").append(array(flags)).append('\n');
        flagsWritten = true;
      } else {
        sb.append(quoteKey(s.getKey())).append(" = ").append(literal(value)).append('\n');
      }
    }
    if (!flagsWritten && !extraRustflags.isEmpty()) {
      sb.append("rustflags = ").append(array(extraRustflags)).append('\n');
    }
  }

  /** A TOML array of strings. */
  static String array(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (Iterator<String> it = values.iterator(); it.hasNext(); ) {
      sb.append(Json.write(it.next()));
      if (it.hasNext()) {
        sb.append(", ");
      }
    }
    return sb.append(']').toString();
  }

  private static String literal(JsonNode v) {
    if (v.isTextual()) {
      return Json.write(v.asText()); // a JSON string is a valid TOML basic string
    }
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(i.asText()));
      return array(items);
    }
    return v.asText(); // integers and booleans
  }

  private static String quoteKey(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : Json.write(key);
  }
}
