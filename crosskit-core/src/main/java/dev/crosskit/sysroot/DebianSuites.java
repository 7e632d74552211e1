package dev.crosskit.sysroot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.base.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Debian suites crosskit can build sysroots from and the glibc each one ships, read from
 * {@code debian-suites.json}; also answers which suite gives a requested glibc floor.
 */
public final class DebianSuites {
  private static volatile DebianSuites builtIn;

  private final String mirror;
  private final String keyring;
  private final List<String> components;
  private final List<DebianSuite> suites;
  private final String defaultSuite;
  /** Per suite name, its release architectures (absent: not known, not checked). */
  private final Map<String, List<String>> architectures;

  private DebianSuites(String mirror, String keyring, List<String> components, List<DebianSuite> suites,
      String defaultSuite, Map<String, List<String>> architectures) {
    this.architectures = Map.copyOf(architectures);
    this.mirror = mirror;
    this.keyring = keyring;
    this.components = List.copyOf(components);
    this.suites = List.copyOf(suites);
    this.defaultSuite = defaultSuite;
  }

  public static DebianSuites builtIn() {
    if (builtIn == null) {
      try (InputStream in = DebianSuites.class.getResourceAsStream("debian-suites.json")) {
        builtIn = read(JsonTreeReader.read(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read debian-suites.json", e);
      }
    }
    return builtIn;
  }

  static DebianSuites read(JsonNode root) {
    List<DebianSuite> suites = new ArrayList<>();
    for (JsonNode s : root.get("suites")) {
      List<String> dists = new ArrayList<>();
      s.get("dists").forEach(d -> dists.add(d.asText()));
      suites.add(new DebianSuite(s.get("name").asText(), s.get("version").asText(), s.get("glibc").asText(),
          s.get("musl").asText(), dists));
    }
    Map<String, List<String>> architectures = new java.util.HashMap<>();
    for (JsonNode s : root.get("suites")) {
      if (s.has("architectures")) {
        List<String> archs = new ArrayList<>();
        s.get("architectures").forEach(a -> archs.add(a.asText()));
        architectures.put(s.get("name").asText(), archs);
      }
    }
    List<String> components = new ArrayList<>();
    root.get("components").forEach(c -> components.add(c.asText()));
    return new DebianSuites(root.get("mirror").asText(), root.get("keyring").asText(), components, suites,
        root.get("default").asText(), architectures);
  }

  public String mirror() {
    return mirror;
  }

  public String keyring() {
    return keyring;
  }

  public List<String> components() {
    return components;
  }

  /** All suites, newest first. */
  public List<DebianSuite> all() {
    return suites;
  }

  public DebianSuite defaultSuite() {
    return suite(defaultSuite);
  }

  /** The suite with this codename; a clear error naming the known ones otherwise. */
  public DebianSuite suite(String name) {
    return find(name).orElseThrow(() -> new BadInputException("unknown Debian suite '" + name + "'; known: "
        + String.join(", ", suites.stream().map(DebianSuite::name).toList())));
  }

  public Optional<DebianSuite> find(String name) {
    return suites.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The suite to build against for a glibc floor: the newest suite whose glibc is not newer than
   * {@code floor} (a program linked against glibc 2.31 runs on 2.31 and later). {@code 2.33} gives
   * bullseye (2.31); {@code 2.36} gives bookworm; a floor older than every suite is an error.
   */
  public DebianSuite forGlibcFloor(String floor) {
    if (!floor.matches("\\d+\\.\\d+")) {
      throw new BadInputException("glibc floor '" + floor + "' is not a version like 2.31");
    }
    return suites.stream()
        .filter(s -> compareVersions(s.glibc(), floor) <= 0)
        .max((a, b) -> compareVersions(a.glibc(), b.glibc()))
        .orElseThrow(() -> new BadInputException("no Debian suite crosskit can use has glibc " + floor
            + " or older; available floors: " + floors()));
  }

  /**
   * Refuses a sysroot for an architecture the suite does not have, before apt says "Unable to
   * locate package libc6": riscv64, for one, is in no suite crosskit uses.
   */
  public void requireArchitecture(DebianSuite suite, String debianArch, String targetName) {
    List<String> archs = architectures.get(suite.name());
    if (archs == null || archs.contains(debianArch)) {
      return;
    }
    List<String> with = suites.stream().filter(s -> architectures.getOrDefault(s.name(), List.of()).contains(debianArch))
        .map(DebianSuite::name).toList();
    throw new BadInputException("Debian " + suite.name() + " has no " + debianArch + " packages"
        + (with.isEmpty() ? ", nor does any suite crosskit uses (" + String.join(", ", suites.stream()
            .map(DebianSuite::name).toList()) + ")" : "; use a glibc floor from " + String.join(", ", with))
        + ", so " + targetName + " cannot get Debian packages or a glibc floor: build it without 'packages' and"
        + " 'glibc' (against its cross compiler's own libc)" + (debianArch.equals("riscv64")
            ? ", or for riscv64-linux-musl (crosskit builds musl from source)" : ""));
  }

  /** The glibc floors on offer, e.g. {@code 2.36 (bookworm), 2.31 (bullseye)}. */
  public String floors() {
    return String.join(", ", suites.stream().map(s -> s.glibc() + " (" + s.name() + ")").toList());
  }

  /** Compares dotted numeric versions: {@code 2.31 < 2.36 < 2.100}. */
  public static int compareVersions(String a, String b) {
    return Versions.compare(a, b);
  }
}
