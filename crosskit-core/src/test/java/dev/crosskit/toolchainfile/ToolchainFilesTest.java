package dev.crosskit.toolchainfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.base.UserException;
import dev.crosskit.emulate.NativeRunner;
import dev.crosskit.emulate.QemuRunner;
import dev.crosskit.emulate.Runner;
import dev.crosskit.emulate.WineRunner;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainFilesTest {
  private static final Target ARM = TargetResolver.builtIn().target("armv7-linux-gnueabihf");
  private static final Path SYSROOT = Path.of("/usr/arm-linux-gnueabihf");
  private static final Toolchain ARM_TC = new Toolchain(ARM, "gcc-cross", Path.of("/usr/bin/arm-linux-gnueabihf-gcc"),
      Path.of("/usr/bin/arm-linux-gnueabihf-g++"), Path.of("/usr/bin/arm-linux-gnueabihf-ar"),
      Path.of("/usr/bin/arm-linux-gnueabihf-ranlib"), Path.of("/usr/bin/arm-linux-gnueabihf-strip"), SYSROOT,
      List.of("-march=armv7-a+fp", "-mfpu=vfpv3-d16", "-mfloat-abi=hard"), List.of(), List.of());
  private static final Optional<Runner> QEMU = Optional.of(new QemuRunner(Path.of("/usr/bin/qemu-arm-static"), SYSROOT));

  @Test
  void cmakeFileCrossCompilesConfinedToTheSysrootWithTheEmulator() {
    String f = CmakeToolchainFile.render(ARM_TC, QEMU);
    assertThat(f).contains("set(CMAKE_SYSTEM_NAME \"Linux\")", "set(CMAKE_SYSTEM_PROCESSOR \"armv7\")",
        "set(CMAKE_C_COMPILER \"/usr/bin/arm-linux-gnueabihf-gcc\")",
        "set(CMAKE_CXX_COMPILER \"/usr/bin/arm-linux-gnueabihf-g++\")",
        "set(CMAKE_AR \"/usr/bin/arm-linux-gnueabihf-ar\" CACHE FILEPATH \"\" FORCE)",
        "set(CMAKE_C_FLAGS_INIT \"-march=armv7-a+fp -mfpu=vfpv3-d16 -mfloat-abi=hard\")",
        "set(CMAKE_FIND_ROOT_PATH \"/usr/arm-linux-gnueabihf\")",
        "set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM \"NEVER\")", "set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY \"ONLY\")",
        "set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE \"ONLY\")", "set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE \"ONLY\")",
        "set(CMAKE_CROSSCOMPILING_EMULATOR \"/usr/bin/qemu-arm-static;-L;/usr/arm-linux-gnueabihf;-E;"
            + "LD_LIBRARY_PATH=/usr/arm-linux-gnueabihf/lib\")");
  }

  @Test
  void cmakeFileForDarwinNamesTheSdkAndTurnsOnRpathsCmakeOnlyEnablesOnAMac() {
    Target mac = TargetResolver.builtIn().target("aarch64-apple-darwin");
    Path sdk = Path.of("/cache/sdks/MacOSX14.2.sdk");
    var provided = new dev.crosskit.toolchain.ProvidedSysroot(sdk, List.of("-isysroot", sdk.toString()), List.of(), false,
        Map.of("SDKROOT", sdk.toString()), Map.of("CMAKE_OSX_SYSROOT", sdk.toString(), "CMAKE_OSX_DEPLOYMENT_TARGET", "11.0"),
        Map.of(), List.of());
    Toolchain tc = new Toolchain(mac, "clang-darwin", Path.of("/usr/bin/clang"), Path.of("/usr/bin/clang++"),
        Path.of("/usr/bin/llvm-ar"), null, null, sdk, List.of("--target=arm64-apple-macosx"),
        List.of("--target=arm64-apple-macosx", "-fuse-ld=lld"), List.of(), provided);
    String f = CmakeToolchainFile.render(tc, Optional.empty());
    assertThat(f).contains("set(CMAKE_SYSTEM_NAME \"Darwin\")", "set(CMAKE_OSX_SYSROOT \"" + sdk + "\")",
        "set(CMAKE_OSX_DEPLOYMENT_TARGET \"11.0\")", "set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY \"ONLY\")",
        "set(CMAKE_SHARED_LIBRARY_RUNTIME_C_FLAG -Wl,-rpath,)", "set(CMAKE_SHARED_LIBRARY_RPATH_ORIGIN_TOKEN @loader_path)",
        "set(CMAKE_USER_MAKE_RULES_OVERRIDE \"${_crosskit_rules}\")", "set(CMAKE_BUILD_RPATH_USE_ORIGIN \"ON\")");
    assertThat(CmakeToolchainFile.render(ARM_TC, QEMU)).doesNotContain("CMAKE_USER_MAKE_RULES_OVERRIDE");
    // the environment: clang's --target rides on CC and CXX (libtool drops it from LDFLAGS), the SDK's variables follow
    assertThat(ToolchainEnv.variables(tc, Optional.empty())).containsEntry("CC", "/usr/bin/clang --target=arm64-apple-macosx")
        .containsEntry("CXX", "/usr/bin/clang++ --target=arm64-apple-macosx").containsEntry("SDKROOT", sdk.toString())
        .containsEntry("CHOST", "aarch64-apple-darwin");
  }

  @Test
  void cmakeEmulatorKeepsWinepathSemicolonsInsideTheirElement() {
    Target win = TargetResolver.builtIn().target("x86_64-windows-gnu");
    Toolchain tc = new Toolchain(win, "mingw", Path.of("/usr/bin/x86_64-w64-mingw32-gcc-posix"), null, null, null, null,
        null, List.of(), List.of(), List.of());
    Runner wine = new WineRunner(Path.of("/usr/lib/wine/wine64"), Path.of("/p"), List.of(Path.of("/a"), Path.of("/b")));
    assertThat(CmakeToolchainFile.render(tc, Optional.of(wine))).contains(
        "set(CMAKE_CROSSCOMPILING_EMULATOR \"/usr/bin/env;WINEPREFIX=/p;WINEDEBUG=-all;WINEDLLOVERRIDES=mscoree,mshtml=;"
            + "WINEPATH=/a\\;/b;/usr/lib/wine/wine64\")");
  }

  @Test
  void cmakeFileForTheHostIsNotACrossFile() {
    Target host = TargetResolver.builtIn().target("x86_64-linux-gnu");
    Toolchain tc = new Toolchain(host, "gcc", Path.of("/usr/bin/gcc"), Path.of("/usr/bin/g++"), Path.of("/usr/bin/ar"),
        Path.of("/usr/bin/ranlib"), Path.of("/usr/bin/strip"), null, List.of(), List.of(), List.of());
    String f = CmakeToolchainFile.render(tc, Optional.of(new NativeRunner()));
    assertThat(f).doesNotContain("CMAKE_SYSTEM_NAME", "CMAKE_CROSSCOMPILING_EMULATOR", "FIND_ROOT_PATH")
        .contains("set(CMAKE_C_COMPILER \"/usr/bin/gcc\")");
  }

  @Test
  void staticMuslOnTheHostArchLinksExecutablesStaticallyAndRunsThemDirectly() {
    Target musl = TargetResolver.builtIn().target("x86_64-linux-musl");
    Toolchain tc = new Toolchain(musl, "musl-gcc", Path.of("/usr/bin/musl-gcc"), null, Path.of("/usr/bin/ar"),
        Path.of("/usr/bin/ranlib"), Path.of("/usr/bin/strip"), null, List.of(), List.of("-static"), List.of());
    String f = CmakeToolchainFile.render(tc, Optional.of(new NativeRunner()));
    assertThat(f).contains("set(CMAKE_C_COMPILER \"/usr/bin/musl-gcc\")", "set(CMAKE_EXE_LINKER_FLAGS_INIT \"-static\")",
        "set(CMAKE_SHARED_LINKER_FLAGS_INIT \"\")").doesNotContain("CMAKE_SYSTEM_NAME", "CMAKE_CROSSCOMPILING_EMULATOR");
  }

  @Test
  void mesonCrossFileHasBinariesWrapperAndHostMachine() {
    String f = MesonCrossFile.render(ARM_TC, QEMU);
    assertThat(f).contains("[binaries]\nc = '/usr/bin/arm-linux-gnueabihf-gcc'\ncpp = '/usr/bin/arm-linux-gnueabihf-g++'\n",
        "exe_wrapper = ['/usr/bin/qemu-arm-static', '-L', '/usr/arm-linux-gnueabihf', '-E', 'LD_LIBRARY_PATH=/usr/arm-linux-gnueabihf/lib']",
        "c_args = ['-march=armv7-a+fp', '-mfpu=vfpv3-d16', '-mfloat-abi=hard']",
        "[host_machine]\nsystem = 'linux'\ncpu_family = 'arm'\ncpu = 'armv7'\nendian = 'little'\n");
  }

  @Test
  void mesonCrossFilePutsTheCompileCacheInFrontOfTheCompilersOnly() {
    String f = MesonCrossFile.render(ARM_TC, QEMU, List.of("/usr/bin/ccache"));
    assertThat(f).contains("c = ['/usr/bin/ccache', '/usr/bin/arm-linux-gnueabihf-gcc']\n",
        "cpp = ['/usr/bin/ccache', '/usr/bin/arm-linux-gnueabihf-g++']\n",
        "c_args = ['-march=armv7-a+fp', '-mfpu=vfpv3-d16', '-mfloat-abi=hard']");
    assertThat(f.lines().filter(l -> l.contains("ccache"))).hasSize(2);
  }

  @Test
  void cargoStanzaIsValidTomlWithLinkerArAndRunner() throws Exception {
    Target win = TargetResolver.builtIn().target("x86_64-windows-gnu");
    Toolchain tc = new Toolchain(win, "mingw", Path.of("/usr/bin/x86_64-w64-mingw32-gcc-posix"), null,
        Path.of("/usr/bin/x86_64-w64-mingw32-ar"), Path.of("/usr/bin/x86_64-w64-mingw32-ranlib"),
        Path.of("/usr/bin/x86_64-w64-mingw32-strip"), Path.of("/usr/x86_64-w64-mingw32"), List.of(), List.of(), List.of());
    Runner wine = new WineRunner(Path.of("/usr/lib/wine/wine64"), Path.of("/c/wine \"prefix\""), List.of(Path.of("/dlls")));
    JsonNode toml = new TomlMapper().readTree(CargoConfig.render(tc, Optional.of(wine)));
    JsonNode t = toml.path("target").path("x86_64-pc-windows-gnu");
    assertThat(t.path("linker").asText()).isEqualTo("/usr/bin/x86_64-w64-mingw32-gcc-posix");
    assertThat(t.path("ar").asText()).isEqualTo("/usr/bin/x86_64-w64-mingw32-ar");
    assertThat(t.path("runner").get(0).asText()).isEqualTo("/usr/bin/env");
    assertThat(t.path("runner").toString()).contains("WINEPREFIX=/c/wine \\\"prefix\\\"", "/usr/lib/wine/wine64");
    assertThat(toml.path("env").path("CC_x86_64_pc_windows_gnu").asText()).isEqualTo("/usr/bin/x86_64-w64-mingw32-gcc-posix");
  }

  @Test
  void environmentCoversCCargoGoPkgConfigAndQemu() {
    Map<String, String> env = ToolchainEnv.variables(ARM_TC, QEMU);
    // the target's flags go with the compiler: CFLAGS, CXXFLAGS (and an empty LDFLAGS) are not set,
    // so autoconf's -g -O2 and a Makefile's CFLAGS ?= default still apply
    assertThat(env).containsEntry("CC", "/usr/bin/arm-linux-gnueabihf-gcc -march=armv7-a+fp -mfpu=vfpv3-d16 -mfloat-abi=hard")
        .containsEntry("CXX", "/usr/bin/arm-linux-gnueabihf-g++ -march=armv7-a+fp -mfpu=vfpv3-d16 -mfloat-abi=hard")
        .doesNotContainKeys("CFLAGS", "CXXFLAGS", "LDFLAGS", "CGO_CFLAGS")
        .containsEntry("AR", "/usr/bin/arm-linux-gnueabihf-ar")
        .containsEntry("CFLAGS_armv7_unknown_linux_gnueabihf", "-march=armv7-a+fp -mfpu=vfpv3-d16 -mfloat-abi=hard")
        .containsEntry("CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_LINKER", "/usr/bin/arm-linux-gnueabihf-gcc")
        .containsEntry("CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_RUNNER",
            "/usr/bin/qemu-arm-static -L /usr/arm-linux-gnueabihf -E LD_LIBRARY_PATH=/usr/arm-linux-gnueabihf/lib")
        .containsEntry("CC_armv7_unknown_linux_gnueabihf", "/usr/bin/arm-linux-gnueabihf-gcc")
        .containsEntry("GOOS", "linux").containsEntry("GOARCH", "arm").containsEntry("GOARM", "7")
        .containsEntry("CGO_ENABLED", "1")
        .containsEntry("QEMU_LD_PREFIX", "/usr/arm-linux-gnueabihf")
        .containsEntry("PKG_CONFIG_PATH", "")
        .containsEntry("PKG_CONFIG_ALLOW_CROSS", "1");
    assertThat(env.get("PKG_CONFIG_LIBDIR")).startsWith("/usr/arm-linux-gnueabihf/lib/pkgconfig:");
  }

  @Test
  void unknownFormatIsBadInputAndFilesAreWrittenWhole(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ToolchainFiles.render("bazel", ARM_TC, QEMU)).isInstanceOf(UserException.class)
        .hasMessageContaining("use cmake, meson or cargo");
    Path out = dir.resolve("sub/arm.cmake");
    ToolchainFiles.writeAtomically(out, "one\n");
    ToolchainFiles.writeAtomically(out, "two\n");
    assertThat(Files.readString(out)).isEqualTo("two\n");
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out); // no temporary file left behind
    }
  }

  @Test
  void bareMetalFilesAreGenericAndGiveTheirFlagsOnlyOnce() {
    var m4 = dev.crosskit.target.TargetResolver.builtIn().target("thumbv7em-none-eabihf");
    Toolchain tc = new dev.crosskit.toolchain.ToolchainFinder(dev.crosskit.toolchain.ToolchainData.builtIn(),
        new dev.crosskit.base.HostTools(List.of()), dev.crosskit.toolchain.SysrootProvider.none()).assess(m4).toolchain();
    String cmake = CmakeToolchainFile.render(tc, Optional.empty());
    assertThat(cmake).contains("set(CMAKE_SYSTEM_NAME \"Generic\")", "set(CMAKE_SYSTEM_PROCESSOR \"arm\")",
        // CMake puts $LDFLAGS in front: after crosskit env it holds picolibc.specs already
        "string(FIND \" $ENV{LDFLAGS} \" \" " + String.join(" ", tc.ldflags()) + " \" _crosskit_ldflags)",
        "if(_crosskit_ldflags EQUAL -1)\n  set(CMAKE_EXE_LINKER_FLAGS_INIT");
    String cargo = CargoConfig.render(tc, Optional.empty());
    assertThat(cargo).contains("[target.\"thumbv7em-none-eabihf\"]", "\"-Clinker-flavor=gnu-cc\"",
        "\"-Cdefault-linker-libraries=yes\"", "\"-Clink-arg=--specs=picolibc.specs\"",
        "\"-Clink-arg=-Wl,--defsym=__flash=0x00000000\"");
    String meson = MesonCrossFile.render(tc, Optional.empty());
    assertThat(meson).contains("system = 'none'", "cpu = 'cortex-m4'");
  }
}
