package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
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

  public boolean inSource() {
    return tree.path("build").path("in-source").asBoolean(false);
  }

  public Optional<List<String>> configure() {
    return list("build", "configure");
  }

  public Optional<List<String>> buildCommand() {
    return list("build", "command");
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
