package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.target.Board;
import dev.crosskit.target.Boards;
import dev.crosskit.target.MemoryRegion;
import dev.crosskit.target.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The effective settings for one target, with the defaults crosskit documents in docs/config.md. */
public record TargetSettings(JsonNode tree) {
  public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofMinutes(10);

  /** Whether the compile cache (ccache) serves C and C++ compilations: {@code [build] cache}, on by default. */
  public boolean compileCache() {
    return tree.path("build").path("cache").asBoolean(true);
  }

  /** The compile cache's shared storage ({@code [cache] remote}: ccache's remote_storage URL), if any. */
  public Optional<String> cacheRemote() {
    return Optional.ofNullable(tree.path("cache").path("remote").textValue());
  }

  public boolean inSource() {
    return tree.path("build").path("in-source").asBoolean(false);
  }

  public Optional<List<String>> configure() {
    return list("build", "configure");
  }

  public Optional<List<String>> buildCommand() {
    return list("build", "command");
  }

  /** Arguments added to the adapter's own configure command (cmake, meson, autotools). */
  public List<String> configureArgs() {
    return list("build", "configure-args").orElse(List.of());
  }

  /** Arguments (variables, options) added to every make command of the make and autotools adapters. */
  public List<String> makeArgs() {
    return list("build", "make-args").orElse(List.of());
  }

  /** The build type asked for ({@code debug}, {@code release}, {@code debugoptimized}, {@code minsize}); empty: the project's own default. */
  public Optional<String> buildType() {
    return ProjectConfig.text(tree, "build", "type");
  }

  /** Whether the build's install step runs (into a staging directory, where artifacts are collected from). */
  public boolean install() {
    return tree.path("build").path("install").asBoolean(true);
  }

  public Map<String, String> env() {
    Map<String, String> out = new LinkedHashMap<>();
    tree.path("build").path("env").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** Extra C/C++ flags for this target, added after crosskit's own. */
  public String cflags() {
    return tree.path("build").path("cflags").asText("");
  }

  public List<String> artifacts() {
    return list("build", "artifacts").orElse(List.of());
  }

  /** Debian packages to put in this target's sysroot. */
  public List<String> packages() {
    return list("build", "packages").orElse(List.of());
  }

  /** Cargo features, or Go build tags, to build with. */
  public List<String> features() {
    return list("build", "features").orElse(List.of());
  }

  /** Whether a Go build uses cgo; empty means: when the project imports "C". */
  public Optional<Boolean> cgo() {
    JsonNode n = tree.path("build").path("cgo");
    return n.isBoolean() ? Optional.of(n.asBoolean()) : Optional.empty();
  }

  /**
   * Whether the build needs C++; empty means: when the project has C++ sources. Decides whether
   * a musl target gets crosskit's libstdc++ (built once per target) and a glibc floor its suite's.
   */
  public Optional<Boolean> cxx() {
    JsonNode n = tree.path("build").path("cxx");
    return n.isBoolean() ? Optional.of(n.asBoolean()) : Optional.empty();
  }

  /** Extra rustc flags for this target's code (not for build scripts), after crosskit's own. */
  public String rustflags() {
    return tree.path("build").path("rustflags").asText("");
  }

  public Optional<String> glibc() {
    return ProjectConfig.text(tree, "build", "glibc");
  }

  /** The minimum macOS a Darwin build deploys to ({@code -mmacosx-version-min}), e.g. {@code 11.0}. */
  public Optional<String> macos() {
    return ProjectConfig.text(tree, "build", "macos");
  }

  /** The macOS SDK to build with: a directory, or the version or name of one added with {@code crosskit sdk add}. */
  public Optional<String> sdk() {
    return ProjectConfig.text(tree, "build", "sdk");
  }

  public Duration buildTimeout() {
    return duration("build", "timeout").orElse(DEFAULT_BUILD_TIMEOUT);
  }

  public Optional<List<String>> testCommand() {
    return list("test", "command");
  }

  public Duration testTimeout() {
    return duration("test", "timeout").orElse(DEFAULT_TEST_TIMEOUT);
  }

  public boolean canary() {
    return tree.path("test").path("canary").asBoolean(true);
  }

  public boolean testsEnabled() {
    return tree.path("test").path("enabled").asBoolean(true);
  }

  /**
   * The board a bare-metal target's programs are linked for and run on: [board] name (else the
   * target's default) with [board] flash / ram in place of the board's own ranges.
   *
   * @throws dev.crosskit.base.BadInputException for an unknown board, one that does not fit the
   *     target, or a malformed range
   */
  public Board board(Target target) {
    JsonNode b = tree.path("board");
    return Boards.builtIn().choose(target, b.path("name").asText(null), region(b, "flash"), region(b, "ram"));
  }

  /** [board] linker-script: the project's own linker script (absolute), replacing picolibc.ld. */
  public Optional<Path> linkerScript() {
    return ProjectConfig.text(tree, "board", "linker-script").map(Path::of);
  }

  private static MemoryRegion region(JsonNode board, String key) {
    JsonNode n = board.path(key);
    if (n.isMissingNode()) {
      return null;
    }
    List<String> unknown = new ArrayList<>();
    n.fieldNames().forEachRemaining(f -> {
      if (!f.equals("origin") && !f.equals("size")) {
        unknown.add(f);
      }
    });
    if (!unknown.isEmpty() || !n.has("origin") || !n.has("size")) {
      throw new BadInputException("[board] " + key + " must be { origin = ADDRESS, size = SIZE }, e.g. "
          + key + " = { origin = 0x20000000, size = \"128K\" }" + (unknown.isEmpty() ? "" : "; unknown key " + unknown));
    }
    long origin = MemoryRegion.parseNumber(n.path("origin").asText(), "[board] " + key + " origin");
    long size = MemoryRegion.parseNumber(n.path("size").asText(), "[board] " + key + " size");
    if (size == 0) {
      throw new BadInputException("[board] " + key + " size must not be 0");
    }
    return new MemoryRegion(origin, size);
  }

  /** The [verify] section as written (keys as in docs/config.md), for the policy. */
  public JsonNode verify() {
    return tree.path("verify");
  }

  private Optional<List<String>> list(String section, String key) {
    JsonNode n = tree.path(section).path(key);
    if (!n.isArray()) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return Optional.of(List.copyOf(out));
  }

  private Optional<Duration> duration(String section, String key) {
    JsonNode n = tree.path(section).path(key);
    if (n.isNumber()) {
      return Optional.of(Duration.ofSeconds(n.asLong()));
    }
    return n.isTextual() ? Durations.parse(n.asText()) : Optional.empty();
  }
}
