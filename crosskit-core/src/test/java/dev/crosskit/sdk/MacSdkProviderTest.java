package dev.crosskit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.HostTools;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.ProvidedSysroot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which SDK a Darwin build gets and what it carries. The PATH holds stand-in files for LLVM's
 * programs (only their presence is looked at), laid out as Debian does: unversioned names in
 * LLVM's own directory, where /usr/bin/clang points.
 */
class MacSdkProviderTest {
  private static final TargetResolver TARGETS = TargetResolver.builtIn();
  private static final Target ARM64 = TARGETS.target("aarch64-apple-darwin");
  private static final Target X86_64 = TARGETS.target("x86_64-apple-darwin");

  @TempDir Path tmp;
  Path llvmBin;
  HostTools path;
  SdkStore store;

  @BeforeEach
  void host() throws IOException {
    llvmBin = Files.createDirectories(tmp.resolve("usr/lib/llvm-14/bin"));
    for (String tool : List.of("clang", "ld64.lld", "llvm-lipo", "llvm-install-name-tool", "llvm-otool", "dsymutil")) {
      Files.writeString(llvmBin.resolve(tool), "").toFile().setExecutable(true);
    }
    Path usrBin = Files.createDirectories(tmp.resolve("usr/bin"));
    Files.createSymbolicLink(usrBin.resolve("clang"), llvmBin.resolve("clang"));
    path = new HostTools(List.of(usrBin));
    store = new SdkStore(tmp.resolve("cache/sdks"));
  }

  private MacSdkProvider provider(Map<String, String> env, String sdk, String macos, boolean required) {
    return new MacSdkProvider(store, env, new LlvmDarwinTools(path), sdk, macos, required);
  }

  @Test
  void withoutAnSdkABuildFailsWithOneLineThatSaysHowToGiveOne() {
    assertThatThrownBy(() -> provider(Map.of(), null, null, true).sysrootFor(ARM64))
        .isInstanceOf(NoSdkException.class)
        .hasMessage("no macOS SDK for aarch64-macos (Apple's licence keeps crosskit from downloading one): set SDKROOT"
            + " to a MacOSX<version>.sdk directory or run 'crosskit sdk add PATH|TARBALL' (see docs/macos.md)");
    // doctor and targets report a gap instead
    assertThat(provider(Map.of(), null, null, false).sysrootFor(ARM64)).isEmpty();
    // other targets are not its business, whatever SDKROOT says
    assertThat(provider(Map.of("SDKROOT", "/nonexistent"), null, null, true).sysrootFor(TARGETS.target("aarch64-linux-gnu")))
        .isEmpty();
  }

  @Test
  void theSdkGivesFlagsCmakeVariablesAndAppleEnvironment() throws IOException {
    Path sdk = SdkFiles.sdk(tmp.resolve("user"), "14.2", "x86_64", "arm64");
    ProvidedSysroot s = provider(Map.of("SDKROOT", sdk.toString()), null, null, true).sysrootFor(ARM64).orElseThrow();
    assertThat(s.root()).isEqualTo(sdk);
    assertThat(s.cflags()).containsExactly("-isysroot", sdk.toString(), "-mmacosx-version-min=11.0");
    assertThat(s.ldflags()).isEqualTo(s.cflags());
    assertThat(s.cmake()).containsEntry("CMAKE_OSX_SYSROOT", sdk.toString())
        .containsEntry("CMAKE_OSX_DEPLOYMENT_TARGET", "11.0").containsEntry("CMAKE_OSX_ARCHITECTURES", "arm64")
        .containsEntry("CMAKE_FIND_ROOT_PATH", sdk.toString())
        .containsEntry("CMAKE_INSTALL_NAME_TOOL", llvmBin.resolve("llvm-install-name-tool").toString());
    assertThat(s.env()).containsEntry("SDKROOT", sdk.toString()).containsEntry("MACOSX_DEPLOYMENT_TARGET", "11.0")
        .containsEntry("LIPO", llvmBin.resolve("llvm-lipo").toString())
        .containsEntry("OTOOL", llvmBin.resolve("llvm-otool").toString())
        .containsEntry("DSYMUTIL", llvmBin.resolve("dsymutil").toString());
    ProvidedSysroot x86 = provider(Map.of("SDKROOT", sdk.toString()), null, "10.15", true).sysrootFor(X86_64).orElseThrow();
    assertThat(x86.cflags()).contains("-mmacosx-version-min=10.15");
    assertThat(x86.cmake()).containsEntry("CMAKE_OSX_ARCHITECTURES", "x86_64");
    assertThat(provider(Map.of("SDKROOT", sdk.toString()), null, null, true).sysrootFor(X86_64).orElseThrow().cflags())
        .as("the catalog's default for x86_64").contains("-mmacosx-version-min=10.13");
  }

  @Test
  void theSettingWinsOverSdkrootWhichWinsOverTheNewestAdded() throws IOException {
    store.add(SdkFiles.sdk(tmp.resolve("a"), "13.3"));
    store.add(SdkFiles.sdk(tmp.resolve("b"), "14.2"));
    Path sdkroot = SdkFiles.sdk(tmp.resolve("user"), "15.0");
    Map<String, String> env = Map.of("SDKROOT", sdkroot.toString());
    assertThat(provider(Map.of(), null, null, true).choice().orElseThrow())
        .satisfies(c -> assertThat(c.sdk().version()).isEqualTo("14.2"))
        .satisfies(c -> assertThat(c.from()).isEqualTo("the newest in crosskit's cache"));
    assertThat(provider(env, null, null, true).choice().orElseThrow().from()).isEqualTo("SDKROOT");
    assertThat(provider(env, null, null, true).sysrootFor(ARM64).orElseThrow().root()).isEqualTo(sdkroot);
    assertThat(provider(env, "13.3", null, true).sysrootFor(ARM64).orElseThrow().root())
        .isEqualTo(store.dir().resolve("MacOSX13.3.sdk"));
    assertThat(provider(env, sdkroot.toString(), null, true).choose().orElseThrow().version()).isEqualTo("15.0");
  }

  @Test
  void badSdksAndVersionsAreOneLineErrors() throws IOException {
    assertThatThrownBy(() -> provider(Map.of("SDKROOT", "macosx"), null, null, true).sysrootFor(ARM64))
        .isInstanceOf(BadInputException.class)
        .hasMessage("SDKROOT=macosx is not a directory: crosskit needs a MacOSX<version>.sdk directory (see docs/macos.md)");
    Path x86Only = SdkFiles.sdk(tmp.resolve("user"), "14.2", "x86_64");
    assertThatThrownBy(() -> provider(Map.of("SDKROOT", x86Only.toString()), null, null, true).sysrootFor(ARM64))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("macOS SDK 14.2 (" + x86Only + ") has no arm64: its SDKSettings.json lists x86_64");
    assertThatThrownBy(() -> provider(Map.of("SDKROOT", x86Only.toString()), null, "eleven", true).sysrootFor(X86_64))
        .isInstanceOf(BadInputException.class).hasMessageContaining("macos = \"eleven\" is not a macOS version");
    assertThatThrownBy(() -> provider(Map.of(), "14.2", null, true).sysrootFor(ARM64))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no macOS SDK 14.2 in crosskit's cache");
  }

  @Test
  void aBuildNeedsLd64Lld() throws IOException {
    Files.delete(llvmBin.resolve("ld64.lld"));
    Path sdk = SdkFiles.sdk(tmp.resolve("user"), "14.2");
    assertThatThrownBy(() -> provider(Map.of("SDKROOT", sdk.toString()), null, null, true).sysrootFor(ARM64))
        .isInstanceOf(FailedException.class).hasMessage("no ld64.lld to link aarch64-macos programs with: apt-get install lld");
    assertThat(provider(Map.of("SDKROOT", sdk.toString()), null, null, false).sysrootFor(ARM64)).isPresent();
  }
}
