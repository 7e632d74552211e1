package dev.crosskit.inspect;

import static dev.crosskit.inspect.OracleText.all;
import static dev.crosskit.inspect.OracleText.first;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.inspect.MachOFacts.Slice;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PE facts compared with mingw objdump -p and llvm-readobj; Mach-O facts compared with
 * llvm-objdump --macho --private-headers and llvm-lipo, for files built just now by mingw-w64 and
 * clang + ld64.lld (with a stub libSystem dylib standing in for the macOS SDK).
 */
@Tag("integration")
class PeMachOOracleTest {

  static Stream<String> peFixtures() {
    return Fixtures.get().pe.keySet().stream();
  }

  static Stream<String> thinMachO() {
    return Fixtures.get().macho.keySet().stream().filter(n -> !n.equals("mac-fat"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peFixtures")
  void peMatchesObjdumpAndReadobj(String name) {
    Path file = Fixtures.get().pe.get(name);
    BinaryFacts f = Inspector.inspect(file);
    PeFacts p = f.pe();
    String o = Fixtures.oracle("x86_64-w64-mingw32-objdump", "-p", file.toString());
    String r = Fixtures.oracle("llvm-readobj-14", "--file-headers", "--coff-imports", file.toString());
    assertThat(p.magic()).isEqualTo(first(o, "^Magic\\s+\\S+\\s+\\((PE32\\+?)\\)"));
    assertThat(p.machine()).isEqualTo(Integer.parseInt(first(r, "Machine: \\S+ \\(0x([0-9A-Fa-f]+)\\)"), 16));
    assertThat(p.subsystemVersion()).isEqualTo(first(o, "^MajorSubsystemVersion\\s+(\\d+)") + "."
        + first(o, "^MinorSubsystemVersion\\s+(\\d+)"));
    assertThat(p.osVersion()).isEqualTo(first(o, "^MajorOSystemVersion\\s+(\\d+)") + "."
        + first(o, "^MinorOSystemVersion\\s+(\\d+)"));
    int subsystem = Integer.parseInt(first(o, "^Subsystem\\s+([0-9a-f]+)"), 16);
    assertThat(p.subsystem()).isEqualTo(subsystem == 3 ? "console" : subsystem == 2 ? "gui" : p.subsystem());
    int chars = Integer.parseInt(first(o, "^DllCharacteristics\\s+([0-9a-f]+)"), 16);
    assertThat(p.dllCharacteristics()).isEqualTo("0x" + Integer.toHexString(chars));
    assertThat(p.aslr()).isEqualTo((chars & 0x40) != 0);
    assertThat(p.nx()).isEqualTo((chars & 0x100) != 0);
    assertThat(p.kind()).isEqualTo(name.endsWith(".dll") ? "dll" : "exe");
    assertThat(p.imports()).isEqualTo(all(o, "^\\tDLL Name: (\\S+)"));
    assertThat(p.imports()).isEqualTo(all(r, "^\\s+Name: (\\S+\\.(?:dll|DLL))$"));
    assertThat(f.target()).isEqualTo("x86_64-windows-gnu");
    assertThat(f.problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("thinMachO")
  void thinMachOMatchesLlvmObjdump(String name) {
    Path file = Fixtures.get().macho.get(name);
    BinaryFacts f = Inspector.inspect(file);
    assertThat(f.macho().fat()).isFalse();
    assertSliceMatches(f.macho().slices().get(0), file.toString(), null);
    assertThat(f.target()).isEqualTo(name.contains("arm64") ? "aarch64-macos" : "x86_64-macos");
  }

  @Test
  void fatMachOMatchesLipoAndEachSlice() {
    Path fat = Fixtures.get().macho.get("mac-fat");
    BinaryFacts f = Inspector.inspect(fat);
    assertThat(f.macho().fat()).isTrue();
    List<String> archs = Arrays.asList(Fixtures.oracle("llvm-lipo-14", "-archs", fat.toString()).trim().split("\\s+"));
    assertThat(f.macho().slices()).extracting(Slice::arch).isEqualTo(archs);
    for (Slice s : f.macho().slices()) {
      assertSliceMatches(s, fat.toString(), s.arch());
    }
  }

  private static void assertSliceMatches(Slice s, String file, String arch) {
    String o = arch == null
        ? Fixtures.oracle("llvm-objdump-14", "--macho", "--private-headers", file)
        : Fixtures.oracle("llvm-objdump-14", "--macho", "--private-headers", "--arch=" + arch, file);
    String[] header = first(o, "^(MH_MAGIC.*)$").trim().split("\\s+");
    assertThat(s.arch()).isEqualTo(header[1].toLowerCase(java.util.Locale.ROOT).replace("x86_64", "x86_64"));
    assertThat(s.fileType()).isEqualTo(header[4].toLowerCase(java.util.Locale.ROOT));
    assertThat(s.pie()).isEqualTo(Arrays.asList(header).contains("PIE"));
    assertThat(s.dylibs()).isEqualTo(all(o, "cmd LC_LOAD_DYLIB\\n\\s+cmdsize \\d+\\n\\s+name (\\S+) \\(offset"));
    assertThat(s.installName()).isEqualTo(first(o, "cmd LC_ID_DYLIB\\n\\s+cmdsize \\d+\\n\\s+name (\\S+) \\(offset"));
    assertThat(s.rpaths()).isEqualTo(all(o, "cmd LC_RPATH\\n\\s+cmdsize \\d+\\n\\s+path (\\S+) \\(offset"));
    assertThat(s.uuid()).isEqualTo(first(o, "^\\s+uuid (\\S+)"));
    assertThat(s.minOs()).isEqualTo(first(o, "^\\s+minos (\\S+)"));
    assertThat(s.sdk()).isEqualTo(first(o, "^\\s+sdk (\\S+)"));
    assertThat(s.platform()).isEqualTo(first(o, "^\\s+platform (\\S+)"));
    assertThat(s.codeSignature()).isEqualTo(o.contains("cmd LC_CODE_SIGNATURE"));
  }
}
