package dev.crosskit.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TargetResolverTest {
  private final TargetResolver resolver = TargetResolver.builtIn();
  private final TargetCatalog catalog = resolver.catalog();

  static Stream<Arguments> everyTargetAndScheme() {
    List<Arguments> out = new ArrayList<>();
    for (Target t : TargetCatalog.builtIn().all()) {
      for (Scheme s : Scheme.values()) {
        // only schemes that can express the target (no Debian arch for macOS, say)
        if (s.parseable() && s.render(t).isPresent()) {
          out.add(Arguments.of(t.name(), s));
        }
      }
    }
    return out.stream();
  }

  /**
   * Every rendering must resolve back: to the same target when no other target shares that
   * spelling, otherwise to the first target that renders it, flagged as ambiguous and listing
   * this one among the alternatives.
   */
  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("everyTargetAndScheme")
  void everyRenderingRoundTrips(String name, Scheme scheme) {
    Target t = catalog.byName(name).orElseThrow();
    Optional<String> rendered = scheme.render(t);
    List<Target> sharing = catalog.all().stream()
        .filter(o -> scheme.render(o).equals(rendered)).toList();
    Resolution r = resolver.resolve(rendered.get());
    if (sharing.size() == 1) {
      assertThat(r.target()).as("%s rendered as %s", name, rendered.get()).isEqualTo(t);
    } else {
      assertThat(r.target()).isEqualTo(sharing.get(0));
      assertThat(r.ambiguous()).isTrue();
      if (!r.target().equals(t)) {
        assertThat(r.alternatives()).contains(t);
      }
    }
  }

  @Test
  void everyTargetHasTheCoreSchemes() {
    for (Target t : catalog.all()) {
      assertThat(Scheme.GNU.render(t)).as(t.name()).isPresent();
      assertThat(Scheme.LLVM.render(t)).as(t.name()).isPresent();
      assertThat(Scheme.RUST.render(t)).as(t.name()).isPresent();
      assertThat(Scheme.ZIG.render(t)).as(t.name()).isPresent();
      if (!t.isBareMetal()) { // Go and the Maven classifiers name no bare-metal targets
        assertThat(Scheme.GO.render(t)).as(t.name()).isPresent();
        assertThat(Scheme.MAVEN.render(t)).as(t.name()).isPresent();
      }
      assertThat(Scheme.CMAKE.render(t)).as(t.name()).isPresent();
      assertThat(Scheme.MESON.render(t)).as(t.name()).isPresent();
      if (t.isLinux()) {
        assertThat(Scheme.QEMU.render(t)).as(t.name()).isPresent();
        assertThat(Scheme.DOCKER.render(t)).as(t.name()).isPresent();
        assertThat(Scheme.ELF.render(t)).as(t.name()).isPresent();
        assertThat(Scheme.PE.render(t)).as(t.name()).isEmpty();
      }
      if (t.isWindows()) {
        assertThat(Scheme.PE.render(t)).as(t.name()).isPresent();
        assertThat(Scheme.ELF.render(t)).as(t.name()).isEmpty();
      }
      if (t.isBareMetal()) {
        assertThat(Scheme.ELF.render(t)).as(t.name()).isPresent();
        assertThat(Scheme.QEMU.render(t)).as("no user-mode QEMU for %s", t.name()).isEmpty();
        assertThat(Scheme.DOCKER.render(t)).as(t.name()).isEmpty();
        assertThat(Scheme.GO.render(t)).as(t.name()).isEmpty();
        assertThat(Scheme.CMAKE.render(t)).as(t.name()).get().asString().startsWith("CMAKE_SYSTEM_NAME=Generic");
        assertThat(Boards.builtIn().defaultFor(t)).as("default board of %s", t.name()).isPresent();
      }
    }
  }

  @Test
  void catalogCoversTheRequiredTargets() {
    assertThat(catalog.all()).extracting(Target::name).contains(
        "x86_64-linux-gnu", "i686-linux-gnu", "aarch64-linux-gnu", "armv7-linux-gnueabihf",
        "armv6-linux-gnueabihf", "riscv64-linux-gnu", "ppc64le-linux-gnu", "s390x-linux-gnu",
        "mips64el-linux-gnuabi64", "x86_64-linux-musl", "aarch64-linux-musl", "armv7-linux-musleabihf",
        "armv6-linux-musleabihf", "riscv64-linux-musl", "x86_64-windows-gnu", "aarch64-windows-gnu",
        "x86_64-macos", "aarch64-macos", "x86_64-freebsd");
  }

  /** Spellings as they appear in rustup, cross-rs, Go, Docker, Debian, zig, Maven and JavaCPP lists. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // rustup / cross-rs
      "x86_64-unknown-linux-gnu | x86_64-linux-gnu",
      "aarch64-unknown-linux-gnu | aarch64-linux-gnu",
      "aarch64-unknown-linux-musl | aarch64-linux-musl",
      "armv7-unknown-linux-gnueabihf | armv7-linux-gnueabihf",
      "armv7-unknown-linux-musleabihf | armv7-linux-musleabihf",
      "arm-unknown-linux-gnueabihf | armv6-linux-gnueabihf",
      "arm-unknown-linux-musleabihf | armv6-linux-musleabihf",
      "riscv64gc-unknown-linux-gnu | riscv64-linux-gnu",
      "riscv64gc-unknown-linux-musl | riscv64-linux-musl",
      "x86_64-unknown-linux-musl | x86_64-linux-musl",
      "i686-unknown-linux-gnu | i686-linux-gnu",
      "i586-unknown-linux-gnu | i686-linux-gnu",
      "powerpc64le-unknown-linux-gnu | ppc64le-linux-gnu",
      "s390x-unknown-linux-gnu | s390x-linux-gnu",
      "mips64el-unknown-linux-gnuabi64 | mips64el-linux-gnuabi64",
      "x86_64-pc-windows-gnu | x86_64-windows-gnu",
      "aarch64-pc-windows-gnullvm | aarch64-windows-gnu",
      "x86_64-apple-darwin | x86_64-macos",
      "aarch64-apple-darwin | aarch64-macos",
      "x86_64-unknown-freebsd | x86_64-freebsd",
      // GNU / Debian cross toolchains
      "aarch64-linux-gnu | aarch64-linux-gnu",
      "arm-linux-gnueabihf | armv7-linux-gnueabihf",
      "riscv64-linux-gnu | riscv64-linux-gnu",
      "powerpc64le-linux-gnu | ppc64le-linux-gnu",
      "x86_64-w64-mingw32 | x86_64-windows-gnu",
      "aarch64-linux-musl | aarch64-linux-musl",
      "arm-linux-musleabihf | armv7-linux-musleabihf",
      "i386-linux-gnu | i686-linux-gnu",
      // Debian architectures
      "amd64 | x86_64-linux-gnu",
      "arm64 | aarch64-linux-gnu",
      "armhf | armv7-linux-gnueabihf",
      "ppc64el | ppc64le-linux-gnu",
      "i386 | i686-linux-gnu",
      "musl-linux-arm64 | aarch64-linux-musl",
      "musl-linux-amd64 | x86_64-linux-musl",
      // Docker / OCI platforms
      "linux/amd64 | x86_64-linux-gnu",
      "linux/arm64 | aarch64-linux-gnu",
      "linux/arm64/v8 | aarch64-linux-gnu",
      "linux/arm/v7 | armv7-linux-gnueabihf",
      "linux/arm/v6 | armv6-linux-gnueabihf",
      "linux/riscv64 | riscv64-linux-gnu",
      "linux/386 | i686-linux-gnu",
      "linux/ppc64le | ppc64le-linux-gnu",
      "linux/s390x | s390x-linux-gnu",
      "windows/amd64 | x86_64-windows-gnu",
      "linux/arm64+musl | aarch64-linux-musl",
      "linux/arm/v7+musl | armv7-linux-musleabihf",
      // Go
      "GOOS=linux GOARCH=arm64 | aarch64-linux-gnu",
      "GOOS=linux GOARCH=arm GOARM=6 | armv6-linux-gnueabihf",
      "GOOS=windows GOARCH=amd64 | x86_64-windows-gnu",
      "darwin/arm64 | aarch64-macos",
      "darwin/amd64 | x86_64-macos",
      "darwin_arm64 | aarch64-macos",
      "darwin_amd64 | x86_64-macos",
      "macos-aarch_64 | aarch64-macos",
      "arm64-apple-macosx | aarch64-macos",
      "x86_64-apple-macosx | x86_64-macos",
      "GOOS=darwin GOARCH=arm64 | aarch64-macos",
      "freebsd/amd64 | x86_64-freebsd",
      "linux/mips64le | mips64el-linux-gnuabi64",
      // zig
      "x86_64-linux-gnu.2.31 | x86_64-linux-gnu",
      "aarch64-macos | aarch64-macos",
      "x86_64-windows-gnu | x86_64-windows-gnu",
      "x86-linux-gnu | i686-linux-gnu",
      // os-maven-plugin / JavaCPP
      "linux-x86_64 | x86_64-linux-gnu",
      "linux-aarch_64 | aarch64-linux-gnu",
      "linux-arm_32 | armv7-linux-gnueabihf",
      "linux-ppcle_64 | ppc64le-linux-gnu",
      "osx-aarch_64 | aarch64-macos",
      "osx-x86_64 | x86_64-macos",
      "windows-x86_64 | x86_64-windows-gnu",
      "linux-arm64 | aarch64-linux-gnu",
      "linux-armhf | armv7-linux-gnueabihf",
      "macosx-arm64 | aarch64-macos",
      // uname -m and friends
      "armv7l | armv7-linux-gnueabihf",
      "armv6l | armv6-linux-gnueabihf",
      "aarch64 | aarch64-linux-gnu",
      "x86_64 | x86_64-linux-gnu",
      "AArch64-Unknown-Linux-GNU | aarch64-linux-gnu",
      "  riscv64  | riscv64-linux-gnu",
      // bare metal: Rust, GNU, LLVM, zig and CPU names
      "thumbv7em-none-eabihf | thumbv7em-none-eabihf",
      "thumbv6m-none-eabi | thumbv6m-none-eabi",
      "riscv64gc-unknown-none-elf | riscv64-none-elf",
      "riscv64-unknown-elf | riscv64-none-elf",
      "riscv64-elf | riscv64-none-elf",
      "riscv64-none-elf | riscv64-none-elf",
      "thumbv7em-unknown-none-eabihf | thumbv7em-none-eabihf",
      "thumbv6m-unknown-none-eabi | thumbv6m-none-eabi",
      "thumb-freestanding-eabihf | thumbv7em-none-eabihf",
      "thumb-freestanding-eabi | thumbv6m-none-eabi",
      "riscv64-freestanding-none | riscv64-none-elf",
      "cortex-m4f | thumbv7em-none-eabihf",
      "cortex-m0 | thumbv6m-none-eabi",
      "armv7em-none-eabihf | thumbv7em-none-eabihf",
      "arm-none-eabi | thumbv7em-none-eabihf",
  })
  void realWorldSpellingsResolve(String spelling, String expected) {
    assertThat(resolver.target(spelling).name()).isEqualTo(expected);
  }

  @Test
  void zigGlibcSuffixIsKept() {
    assertThat(resolver.resolve("aarch64-linux-gnu.2.31").glibcVersion()).isEqualTo("2.31");
  }

  @Test
  void ambiguousSpellingsResolveToTheDefaultAndSaySo() {
    Resolution arm = resolver.resolve("arm");
    assertThat(arm.target().name()).isEqualTo("armv7-linux-gnueabihf");
    assertThat(arm.ambiguous()).isTrue();
    assertThat(arm.alternatives()).extracting(Target::name).contains("armv6-linux-gnueabihf");
    assertThat(arm.note()).get().asString().contains("armv7-linux-gnueabihf").contains("armv6-linux-gnueabihf");

    Resolution dockerArm64 = resolver.resolve("linux/arm64");
    assertThat(dockerArm64.target().name()).isEqualTo("aarch64-linux-gnu");
    assertThat(dockerArm64.alternatives()).extracting(Target::name).contains("aarch64-linux-musl");
  }

  @Test
  void theGnuBareMetalTripleNamesBothCortexMTargets() {
    Resolution r = resolver.resolve("arm-none-eabi");
    assertThat(r.target().name()).isEqualTo("thumbv7em-none-eabihf");
    assertThat(r.alternatives()).extracting(Target::name).containsExactly("thumbv6m-none-eabi");
    // none/elf mean bare metal: a Linux riscv64 target is never what riscv64-unknown-elf means
    assertThat(resolver.resolve("riscv64-unknown-elf").ambiguous()).isFalse();
  }

  @Test
  void bareMetalTargetsCarryTheirCpuFlagsAndBoard() {
    Target m4 = resolver.target("thumbv7em-none-eabihf");
    assertThat(m4.isBareMetal()).isTrue();
    assertThat(m4.libc()).isEqualTo("none");
    assertThat(m4.floatAbi()).isEqualTo("hard");
    assertThat(m4.archCflags()).isEqualTo("-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16");
    assertThat(Boards.builtIn().defaultFor(m4)).get().extracting(Board::name).isEqualTo("mps2-an386");
    Target rv = resolver.target("riscv64-none-elf");
    assertThat(rv.archCflags()).isEqualTo("-march=rv64imafdc -mabi=lp64d -mcmodel=medany");
    assertThat(rv.field("qemu")).isEmpty();
    assertThat(rv.field("qemuSystem")).contains("riscv64");
    assertThat(resolver.target("riscv64-linux-gnu").archCflags()).isEmpty();
  }

  @Test
  void canonicalNamesAreNeverAmbiguous() {
    for (Target t : catalog.all()) {
      Resolution r = resolver.resolve(t.name());
      assertThat(r.target()).isEqualTo(t);
      assertThat(r.ambiguous()).as(t.name()).isFalse();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "aarch64-linux-muls, aarch64-linux-musl",
      "armv7-linux-gnueabhf, armv7-linux-gnueabihf",
      "x86_64-windws-gnu, x86_64-windows-gnu",
      "riscv64-linux-gn, riscv64-linux-gnu",
  })
  void typosFailWithSuggestions(String typo, String suggestion) {
    assertThatThrownBy(() -> resolver.resolve(typo))
        .isInstanceOf(UnknownTargetException.class)
        .hasMessageContaining("unknown target '" + typo + "'")
        .satisfies(e -> assertThat(((UnknownTargetException) e).suggestions()).contains(suggestion));
  }

  @ParameterizedTest
  @CsvSource({"sparc64-linux-gnu", "linux", "windows", "armel", "arm-linux-gnueabi", "foo", "x86_64-linux-gnu+uclibc",
      "i686-w64-mingw32", "aarch64-none-elf", "none"})
  void unknownOrUnsupportedSpellingsFail(String spelling) {
    assertThatThrownBy(() -> resolver.resolve(spelling)).isInstanceOf(UserException.class)
        .hasMessageContaining(spelling.contains("+") ? "unknown libc" : "unknown target");
  }

  @Test
  void emptySpellingFails() {
    assertThatThrownBy(() -> resolver.resolve(" ")).isInstanceOf(UserException.class)
        .hasMessageContaining("empty target name");
  }

  @Test
  void targetFactsMatchTheCatalog() {
    Target armv6 = resolver.target("armv6-linux-gnueabihf");
    assertThat(armv6.arch()).isEqualTo("arm");
    assertThat(armv6.variant()).isEqualTo("armv6");
    assertThat(armv6.floatAbi()).isEqualTo("hard");
    assertThat(armv6.bits()).isEqualTo(32);
    assertThat(armv6.archCflags()).contains("-march=armv6");
    Target s390x = resolver.target("s390x-linux-gnu");
    assertThat(s390x.endian()).isEqualTo("big");
    Target win = resolver.target("x86_64-windows-gnu");
    assertThat(win.executableSuffix()).isEqualTo(".exe");
    assertThat(Scheme.PE.render(win)).contains("IMAGE_FILE_MACHINE_AMD64 (0x8664)");
    assertThat(Scheme.DOCKER.render(resolver.target("x86_64-macos"))).isEmpty();
  }

  @Test
  void editDistanceIsLevenshtein() {
    assertThat(TargetResolver.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(TargetResolver.editDistance("", "abc")).isEqualTo(3);
    assertThat(TargetResolver.editDistance("same", "same")).isZero();
  }
}
