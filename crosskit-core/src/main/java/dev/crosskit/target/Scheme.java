package dev.crosskit.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The naming schemes a target can be written in. Each renders from the catalog fields; schemes
 * marked {@code parseable} are also accepted back by {@link TargetResolver} (the others describe
 * a target but are not names anyone types).
 */
public enum Scheme {
  NAME("crosskit name", true, t -> Optional.of(t.name())),
  GNU("GNU triple (gcc, binutils, autoconf --host)", true, t -> t.field("gnu")),
  LLVM("LLVM/clang --target", true, t -> t.field("llvm")),
  RUST("Rust target triple", true, t -> t.field("rust")),
  ZIG("Zig target", true, t -> t.field("zig")),
  GO("Go environment", true, Scheme::go),
  DOCKER("Docker/OCI platform", true, Scheme::docker),
  DEBIAN("Debian architecture", true, t -> t.field("debianArch")),
  MULTIARCH("Debian multiarch tuple", true, t -> t.field("multiarch")),
  UNAME("uname -m", true, t -> t.field("uname")),
  CMAKE("CMake", false, t -> t.field("cmakeSystem").map(s -> "CMAKE_SYSTEM_NAME=" + s
      + " CMAKE_SYSTEM_PROCESSOR=" + t.fields().get("cmakeProcessor"))),
  MESON("Meson host_machine", false, t -> t.field("mesonSystem").map(s -> "system=" + s
      + " cpu_family=" + t.fields().get("mesonCpuFamily") + " cpu=" + t.fields().get("mesonCpu")
      + " endian=" + t.endian())),
  QEMU("QEMU user-mode emulator", false, t -> t.field("qemu").map(q -> "qemu-" + q)),
  ELF("ELF machine", false, t -> t.field("elfMachineName").map(n -> n + " (" + t.fields().get("elfMachine")
      + ") ELFCLASS" + t.bits() + " " + ("big".equals(t.endian()) ? "ELFDATA2MSB" : "ELFDATA2LSB"))),
  PE("PE machine", false, t -> t.field("peMachineName").map(n -> n + " (0x"
      + Integer.toHexString(Integer.parseInt(t.fields().get("peMachine"))) + ")")),
  MACHO("Mach-O cputype", false, t -> t.field("machoCpuTypeName").map(n -> n + " (0x"
      + Integer.toHexString(Integer.parseInt(t.fields().get("machoCpuType"))) + ")")),
  MAVEN("os-maven-plugin classifier", true, t -> join(t, "mavenOs", "mavenArch")),
  JAVACPP("JavaCPP platform", true, t -> join(t, "javacppOs", "javacppArch"));

  private final String title;
  private final boolean parseable;
  private final Function<Target, Optional<String>> renderer;

  Scheme(String title, boolean parseable, Function<Target, Optional<String>> renderer) {
    this.title = title;
    this.parseable = parseable;
    this.renderer = renderer;
  }

  public String title() {
    return title;
  }

  /** Whether names in this scheme are accepted by the resolver. */
  public boolean parseable() {
    return parseable;
  }

  /** The target written in this scheme; empty when the scheme cannot express it. */
  public Optional<String> render(Target target) {
    return renderer.apply(target);
  }

  /** The lower-case key used on the command line ({@code --to rust,go}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a scheme key, accepting a few common synonyms; empty when unknown. */
  public static Optional<Scheme> fromKey(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "triple", "gcc" -> Optional.of(GNU);
      case "clang" -> Optional.of(LLVM);
      case "oci", "platform" -> Optional.of(DOCKER);
      case "deb", "dpkg" -> Optional.of(DEBIAN);
      case "os-maven-plugin", "classifier" -> Optional.of(MAVEN);
      case "golang" -> Optional.of(GO);
      default -> {
        for (Scheme s : values()) {
          if (s.key().equals(k)) {
            yield Optional.of(s);
          }
        }
        yield Optional.empty();
      }
    };
  }

  private static Optional<String> go(Target t) {
    return t.field("goOs").flatMap(os -> t.field("goArch").map(arch -> {
      List<String> parts = new ArrayList<>(List.of("GOOS=" + os, "GOARCH=" + arch));
      t.field("goArm").ifPresent(v -> parts.add("GOARM=" + v));
      return String.join(" ", parts);
    }));
  }

  private static Optional<String> docker(Target t) {
    return t.field("dockerOs").flatMap(os -> t.field("dockerArch").map(arch ->
        os + "/" + arch + t.field("dockerVariant").map(v -> "/" + v).orElse("")));
  }

  private static Optional<String> join(Target t, String osKey, String archKey) {
    return t.field(osKey).flatMap(os -> t.field(archKey).map(arch -> os + "-" + arch));
  }
}
