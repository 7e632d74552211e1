package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.inspect.MachOFacts.Slice;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mach-O checks on facts as the reader reports them (the reader itself is checked against
 * llvm-objdump on binaries clang and ld64.lld build, in PeMachOOracleTest and the Darwin
 * integration tests).
 */
class MachOChecksTest {
  private static final int ARM64 = 0x0100000C;
  private static final int X86_64 = 0x01000007;
  private static final String LIBSYSTEM = "/usr/lib/libSystem.B.dylib";

  @TempDir Path dir;

  private static Slice slice(int cpu, String type, String minOs, String command, boolean signed, List<String> dylibs,
      List<String> rpaths) {
    return new Slice(cpu == ARM64 ? "arm64" : "x86_64", cpu, 0, type, true, "macos", minOs, minOs == null ? null : "14.2",
        command, null, signed, null, null, dylibs, rpaths);
  }

  private static Slice stale(String problem) {
    return new Slice("arm64", ARM64, 0, "execute", true, "macos", "11.0", "14.2", "LC_BUILD_VERSION", null, true, problem,
        null, List.of(LIBSYSTEM), List.of());
  }

  private static Slice arm64(boolean signed) {
    return slice(ARM64, "execute", "11.0", "LC_BUILD_VERSION", signed, List.of(LIBSYSTEM), List.of());
  }

  private BinaryFacts facts(String name, Slice... slices) {
    Slice first = slices[0];
    return new BinaryFacts(dir.resolve(name).toString(), 1000, "macho", first.cpuType() == ARM64 ? "aarch64" : "x86_64",
        null, 64, "little", "macos", "system", null, "dynamic", null, null, null,
        new MachOFacts(slices.length > 1, List.of(slices)), new ArrayList<>());
  }

  private static Policy policy(String expect, String maxMacos, String sdk) {
    return new Policy(expect == null ? null : TargetResolver.builtIn().target(expect), false, null, null, List.of(), null,
        false, null, false, false, false, maxMacos, sdk, null);
  }

  private static List<String> findings(BinaryFacts f, Policy p) {
    return PolicyChecker.check(f, p).stream().map(Finding::toString).toList();
  }

  @Test
  void arm64CodeMustBeSignedWhateverThePolicy() {
    assertThat(findings(facts("app", arm64(false)), Policy.none())).containsExactly("FAIL code-signature: arm64 execute"
        + " has no code signature (LC_CODE_SIGNATURE): macOS kills unsigned arm64 code at launch; link with ld64.lld,"
        + " which signs ad-hoc by default, or sign it (codesign -s - / rcodesign sign)");
    assertThat(findings(facts("app", arm64(true)), Policy.none()))
        .containsExactly("PASS code-signature: arm64 execute carries a code signature that matches its contents");
    assertThat(findings(facts("app", stale("page 3 (bytes 49152-65536) does not match its hash")), Policy.none()))
        .containsExactly("FAIL code-signature: arm64 execute's code signature does not match it (page 3 (bytes"
            + " 49152-65536) does not match its hash): macOS kills it at launch; sign it again after changing it"
            + " (codesign -s - -f / rcodesign sign)");
    Slice unsignedDylib = slice(ARM64, "dylib", "11.0", "LC_BUILD_VERSION", false, List.of(LIBSYSTEM), List.of());
    assertThat(findings(facts("libx.dylib", unsignedDylib), Policy.none())).singleElement().asString()
        .startsWith("FAIL code-signature: arm64 dylib has no code signature");
    // x86_64 runs unsigned; object files are not code the kernel maps
    Slice x86 = slice(X86_64, "execute", "10.13", "LC_VERSION_MIN_MACOSX", false, List.of(LIBSYSTEM), List.of());
    assertThat(findings(facts("app", x86), Policy.none())).isEmpty();
    assertThat(findings(facts("x.o", slice(ARM64, "object", "11.0", "LC_BUILD_VERSION", false, List.of(), List.of())),
        Policy.none())).isEmpty();
    // a universal file passes only when its arm64 slice does
    assertThat(findings(facts("fat", x86, arm64(false)), Policy.none())).singleElement().asString()
        .startsWith("FAIL code-signature");
  }

  @Test
  void theMinimumMacosMayNotBeNewerThanTheCeilingAndTheFailureNamesTheLoadCommand() {
    Slice twelve = slice(ARM64, "execute", "12.0", "LC_BUILD_VERSION", true, List.of(LIBSYSTEM), List.of());
    assertThat(findings(facts("app", twelve), policy(null, "11.0", null))).contains("FAIL max-macos: arm64 slice requires"
        + " macOS 12.0 (LC_BUILD_VERSION minos), newer than 11.0: build with -mmacosx-version-min=11.0 ([target.X] macos)"
        + " or raise the ceiling");
    assertThat(findings(facts("app", twelve), policy(null, "12.0", null)))
        .contains("PASS max-macos: arm64 slice requires macOS 12.0 (<= 12.0)");
    Slice old = slice(X86_64, "execute", "10.15", "LC_VERSION_MIN_MACOSX", false, List.of(LIBSYSTEM), List.of());
    assertThat(findings(facts("app", old), policy(null, "10.13", null))).singleElement().asString()
        .contains("requires macOS 10.15 (LC_VERSION_MIN_MACOSX minos), newer than 10.13");
    Slice none = slice(X86_64, "execute", null, null, false, List.of(LIBSYSTEM), List.of());
    assertThat(findings(facts("app", none), policy(null, "10.13", null))).singleElement().asString()
        .startsWith("WARN max-macos: x86_64 slice has no LC_BUILD_VERSION or LC_VERSION_MIN_MACOSX");
  }

  @Test
  void thePinnedSdkIsCheckedSliceBySlice() {
    assertThat(findings(facts("app", arm64(true)), policy(null, null, "14")))
        .contains("PASS macos-sdk: arm64 slice was linked against SDK 14.2");
    assertThat(findings(facts("app", arm64(true)), policy(null, null, "14.2"))).contains(
        "PASS macos-sdk: arm64 slice was linked against SDK 14.2");
    assertThat(findings(facts("app", arm64(true)), policy(null, null, "13.3")))
        .contains("FAIL macos-sdk: arm64 slice was linked against SDK 14.2 (LC_BUILD_VERSION), not the pinned 13.3");
  }

  @Test
  void aMacosTargetLoadsOnlySystemDylibsAndWhatIsShippedBesideIt() throws IOException {
    Files.writeString(dir.resolve("libcalc.dylib"), "stand-in");
    Slice shipped = slice(ARM64, "execute", "11.0", "LC_BUILD_VERSION", true,
        List.of("@rpath/libcalc.dylib", LIBSYSTEM, "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"),
        List.of("@loader_path"));
    assertThat(findings(facts("app", shipped), policy("aarch64-macos", null, null))).contains(
        "PASS expect: matches aarch64-macos",
        "PASS macos-dylibs: loads only system dylibs (/usr/lib, /System/Library) and 1 shipped beside it");

    Slice homebrew = slice(ARM64, "execute", "11.0", "LC_BUILD_VERSION", true,
        List.of("/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib", "@rpath/libmissing.dylib", LIBSYSTEM), List.of());
    assertThat(findings(facts("app", homebrew), policy("aarch64-macos", null, null))).contains(
        "FAIL macos-dylibs: links /opt/homebrew/opt/openssl@3/lib/libssl.3.dylib, which a Mac need not have: ship it"
            + " beside the program and link it as @rpath/ (install_name_tool -change), or link it statically",
        "FAIL macos-dylibs: links @rpath/libmissing.dylib, which is not shipped beside it");

    Slice buildDirRpath = slice(ARM64, "execute", "11.0", "LC_BUILD_VERSION", true,
        List.of("@rpath/libcalc.dylib", LIBSYSTEM), List.of("/home/ci/project/build"));
    assertThat(findings(facts("app", buildDirRpath), policy("aarch64-macos", null, null))).contains(
        "WARN macos-dylibs: @rpath/libcalc.dylib is found only through LC_RPATH /home/ci/project/build, not beside"
            + " the program on another Mac: link with -Wl,-rpath,@loader_path");
  }
}
