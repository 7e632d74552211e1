package dev.crosskit.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.HostTools;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetCatalog;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainFinderTest {
  private static final TargetResolver TARGETS = TargetResolver.builtIn();

  private static ToolchainFinder finderWith(Path bin) {
    return new ToolchainFinder(ToolchainData.builtIn(), new HostTools(List.of(bin)), SysrootProvider.none());
  }

  private static void tools(Path bin, String... names) throws Exception {
    for (String n : names) {
      Path p = Files.createFile(bin.resolve(n));
      p.toFile().setExecutable(true);
    }
  }

  @Test
  void everyCatalogTargetIsDescribedWithoutErrorsAndEveryGapHasAFix(@TempDir Path empty) {
    ToolchainFinder finder = finderWith(empty);
    for (Target t : TargetCatalog.builtIn().all()) {
      ToolchainFinder.Assessment a = finder.assess(t);
      assertThat(a.toolchain().complete()).as(t.name()).isFalse();
      assertThat(a.gaps()).as(t.name()).isNotEmpty();
      assertThat(a.gaps()).as(t.name()).allSatisfy(g -> assertThat(g.fix()).isNotBlank());
    }
  }

  @Test
  void bareMetalTargetsGetPicolibcTheCpuAndTheDefaultBoardsLayout(@TempDir Path empty) {
    Target m0 = TARGETS.target("thumbv6m-none-eabi");
    ToolchainFinder.Assessment a = finderWith(empty).assess(m0);
    assertThat(a.family().name()).isEqualTo("bare-metal-gcc");
    assertThat(a.gaps()).flatExtracting(Gap::packages).contains("gcc-arm-none-eabi", "binutils-arm-none-eabi");
    Toolchain tc = a.toolchain();
    assertThat(tc.board().name()).isEqualTo("microbit");
    assertThat(tc.cflags()).containsSequence("-mcpu=cortex-m0", "-mthumb", "-mfloat-abi=soft")
        .containsSequence("-isystem", "/usr/lib/picolibc/arm-none-eabi/include").doesNotContain("--specs=picolibc.specs");
    // picolibc.specs once, in LDFLAGS, with the CPU flags that pick the multilib and the board's memory
    assertThat(tc.ldflags()).containsSequence("-mcpu=cortex-m0", "-mthumb", "-mfloat-abi=soft")
        .contains("--specs=picolibc.specs", "--oslib=semihost", "--crt0=semihost",
            "-Wl,--defsym=__flash=0x00000000", "-Wl,--defsym=__flash_size=0x00040000",
            "-Wl,--defsym=__ram=0x20000000", "-Wl,--defsym=__ram_size=0x00004000");
    assertThat(a.cxxGap().fix()).contains("C only");
  }

  @Test
  void anotherBoardOrALinkerScriptReplacesTheLayoutFlagsOnly(@TempDir Path empty) {
    Target m4 = TARGETS.target("thumbv7em-none-eabihf");
    Toolchain tc = finderWith(empty).assess(m4).toolchain();
    Toolchain moved = tc.forBoard(dev.crosskit.target.Boards.builtIn().choose(m4, "netduinoplus2", null, null),
        Path.of("/p/app.ld"));
    assertThat(moved.board().name()).isEqualTo("netduinoplus2");
    assertThat(moved.ldflags()).contains("-Wl,--defsym=__flash=0x08000000", "-Wl,--defsym=__ram_size=0x00020000",
        "-T/p/app.ld", "--specs=picolibc.specs").doesNotContain("-Wl,--defsym=__flash=0x00000000");
    assertThat(moved.ldflags().stream().filter(f -> f.startsWith("-Wl,--defsym=__flash=")).count()).isEqualTo(1);
    assertThat(moved.cflags()).isEqualTo(tc.cflags());
  }

  @Test
  void missingCrossGccNamesTheDebianPackages(@TempDir Path empty) {
    Target t = TARGETS.target("aarch64-linux-gnu");
    ToolchainFinder.Assessment a = finderWith(empty).assess(t);
    assertThat(a.gaps()).flatExtracting(Gap::packages).contains("gcc-aarch64-linux-gnu", "binutils-aarch64-linux-gnu");
    assertThat(a.cxxGap().packages()).containsExactly("g++-aarch64-linux-gnu");
    assertThatThrownBy(() -> finderWith(empty).require(t))
        .isInstanceOf(MissingToolchainException.class)
        .hasMessageContaining("crosskit setup aarch64-linux-gnu")
        .hasMessageContaining("apt-get install gcc-aarch64-linux-gnu");
  }

  @Test
  @Tag("integration") // reads the Debian cross sysroot
  void findsACrossToolchainFromItsFilesAndAddsTheArchFlags(@TempDir Path bin) throws Exception {
    tools(bin, "arm-linux-gnueabihf-gcc", "arm-linux-gnueabihf-g++", "arm-linux-gnueabihf-ar",
        "arm-linux-gnueabihf-ranlib", "arm-linux-gnueabihf-strip");
    Target t = TARGETS.target("armv7-linux-gnueabihf");
    Assumptions.requireDirectory("/usr/arm-linux-gnueabihf", "libc6-dev-armhf-cross");
    Toolchain tc = finderWith(bin).require(t);
    assertThat(tc.kind()).isEqualTo("gcc-cross");
    assertThat(tc.cc()).isEqualTo(bin.resolve("arm-linux-gnueabihf-gcc"));
    assertThat(tc.sysroot()).isEqualTo(Path.of("/usr/arm-linux-gnueabihf"));
    assertThat(tc.cflags()).containsSequence(t.archCflags().split(" "));
  }

  @Test
  void muslOnOtherArchesAndArmv6NeedASysrootStore(@TempDir Path bin) throws Exception {
    tools(bin, "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "aarch64-linux-gnu-ar", "aarch64-linux-gnu-ranlib",
        "aarch64-linux-gnu-strip", "arm-linux-gnueabihf-gcc", "arm-linux-gnueabihf-g++", "arm-linux-gnueabihf-ar",
        "arm-linux-gnueabihf-ranlib", "arm-linux-gnueabihf-strip", "clang", "llvm-ar", "llvm-ranlib", "llvm-strip");
    ToolchainFinder finder = finderWith(bin);
    for (String name : List.of("aarch64-linux-musl", "armv6-linux-gnueabihf")) {
      ToolchainFinder.Assessment a = finder.assess(TARGETS.target(name));
      assertThat(a.toolchain().complete()).as(name).isFalse();
      assertThat(a.gaps()).extracting(Gap::fix).as(name).containsExactly("crosskit sysroot add " + name);
    }
    // A sysroot store that answers completes the toolchain, with its flags after the arch flags.
    Path root = Path.of("/opt/sysroots/aarch64-linux-musl");
    SysrootProvider store = t -> t.name().equals("aarch64-linux-musl")
        ? Optional.of(new ProvidedSysroot(root, List.of("--sysroot=" + root), List.of("-static"), true)) : Optional.empty();
    Toolchain tc = finder.withSysroots(store).require(TARGETS.target("aarch64-linux-musl"));
    assertThat(tc.kind()).isEqualTo("gcc-cross-musl");
    assertThat(tc.cc()).isEqualTo(bin.resolve("aarch64-linux-gnu-gcc"));
    assertThat(tc.sysroot()).isEqualTo(root);
    assertThat(tc.cflags()).containsExactly("--sysroot=" + root);
    assertThat(tc.ldflags()).containsExactly("-static");
  }

  @Test
  void aSysrootWithoutCxxLeavesTheToolchainWithoutACxxCompilerAndSaysWhy(@TempDir Path bin) throws Exception {
    tools(bin, "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "aarch64-linux-gnu-ar", "aarch64-linux-gnu-ranlib",
        "aarch64-linux-gnu-strip");
    Path root = Path.of("/opt/sysroots/aarch64-linux-musl");
    ProvidedSysroot withCxx = new ProvidedSysroot(root, List.of("-specs", root + "/g++.specs"), List.of("-static"), true);
    Target musl = TARGETS.target("aarch64-linux-musl");
    Toolchain tc = finderWith(bin).withSysroots(t -> Optional.of(withCxx)).require(musl);
    assertThat(tc.cxx()).isEqualTo(bin.resolve("aarch64-linux-gnu-g++"));

    ProvidedSysroot cOnly = withCxx.withoutCxx("no libstdc++ for musl built yet");
    ToolchainFinder.Assessment a = finderWith(bin).withSysroots(t -> Optional.of(cOnly)).assess(musl);
    assertThat(a.toolchain().complete()).isTrue();
    assertThat(a.toolchain().cxx()).isNull();
    assertThat(a.cxxGap().fix()).isEqualTo("no libstdc++ for musl built yet");
  }

  @Test
  void doctorHearsWhatCxxTakesWhenTheSysrootIsMadeOnFirstBuild(@TempDir Path bin) throws Exception {
    tools(bin, "x86_64-linux-gnu-gcc", "x86_64-linux-gnu-g++", "x86_64-linux-gnu-ar", "x86_64-linux-gnu-ranlib",
        "x86_64-linux-gnu-strip");
    SysrootProvider onFirstBuild = new SysrootProvider() {
      @Override
      public Optional<ProvidedSysroot> sysrootFor(Target target) {
        return Optional.empty();
      }

      @Override
      public boolean providesOnFirstBuild(Target target) {
        return true;
      }

      @Override
      public Optional<String> cxxNote(Target target) {
        return Optional.of("with a libstdc++ built on first use");
      }
    };
    ToolchainFinder.Assessment a = finderWith(bin).withSysroots(onFirstBuild).assess(TARGETS.target("x86_64-linux-musl"));
    assertThat(a.toolchain().kind()).isEqualTo("gcc-cross-musl"); // the sysroot route, not Debian's C-only musl-gcc
    assertThat(a.toolchain().cxx()).isEqualTo(bin.resolve("x86_64-linux-gnu-g++"));
    assertThat(a.sysrootNote()).isEqualTo(ToolchainFinder.AVAILABLE_ON_FIRST_BUILD);
    assertThat(a.cxxNote()).isEqualTo("with a libstdc++ built on first use");
  }

  @Test
  void unsupportedTargetsSayWhy(@TempDir Path bin) {
    ToolchainFinder.Assessment a = finderWith(bin).assess(TARGETS.target("x86_64-freebsd"));
    assertThat(a.supported()).isFalse();
    assertThat(a.toolchain().missing()).singleElement().asString().contains("FreeBSD sysroot");
  }

  @Test
  void macosIsClangWithTheSdkAsItsSysrootAndTheGapSaysHowToGiveOne(@TempDir Path bin) throws Exception {
    tools(bin, "clang", "clang++", "llvm-ar", "llvm-ranlib", "llvm-strip");
    ToolchainFinder.Assessment a = finderWith(bin).assess(TARGETS.target("aarch64-apple-darwin"));
    assertThat(a.supported()).isTrue();
    assertThat(a.toolchain().kind()).isEqualTo("clang-darwin");
    assertThat(a.gaps()).singleElement().satisfies(g -> {
      assertThat(g.what()).contains("Apple's macOS SDK");
      assertThat(g.fix()).contains("SDKROOT", "crosskit sdk add");
    });
    // an SDK from a provider completes it, its flags after the target's own
    Path sdk = Path.of("/opt/MacOSX14.2.sdk");
    SysrootProvider sdks = t -> Optional.of(new ProvidedSysroot(sdk, List.of("-isysroot", sdk.toString()),
        List.of("-isysroot", sdk.toString()), false));
    Toolchain tc = finderWith(bin).withSysroots(sdks).require(TARGETS.target("darwin/arm64"));
    assertThat(tc.cc()).isEqualTo(bin.resolve("clang"));
    assertThat(tc.cflags()).containsExactly("--target=arm64-apple-macosx", "-isysroot", sdk.toString());
    assertThat(tc.ldflags()).containsExactly("--target=arm64-apple-macosx", "-fuse-ld=lld", "-isysroot", sdk.toString());
  }

  @Test
  @Tag("integration") // reads the Debian cross sysroot
  void clangIsTheFallbackWhenTheCrossGccIsAbsent(@TempDir Path bin) throws Exception {
    tools(bin, "clang", "clang++", "llvm-ar", "llvm-ranlib", "llvm-strip");
    Assumptions.requireDirectory("/usr/riscv64-linux-gnu", "libc6-dev-riscv64-cross");
    Toolchain tc = finderWith(bin).require(TARGETS.target("riscv64-linux-gnu"));
    assertThat(tc.kind()).isEqualTo("clang");
    assertThat(tc.cflags()).contains("--target=riscv64-unknown-linux-gnu");
    assertThat(tc.ldflags()).contains("--ld-path=/usr/bin/riscv64-linux-gnu-ld.bfd"); // not the host's ld, not lld 14
  }

  /** Host prerequisites: fail loudly with what to install (bin/test installs them first). */
  static final class Assumptions {
    static void requireDirectory(String dir, String pkg) {
      assertThat(Path.of(dir)).as(dir + " is missing: apt-get install " + pkg).isDirectory();
    }
  }
}
