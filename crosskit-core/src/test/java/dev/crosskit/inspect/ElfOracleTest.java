package dev.crosskit.inspect;

import static dev.crosskit.inspect.OracleText.all;
import static dev.crosskit.inspect.OracleText.first;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.Versions;
import dev.crosskit.inspect.ElfFacts.NewestVersion;
import dev.crosskit.inspect.ElfFacts.VersionNeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ELF fact crosskit reports, compared with what readelf (binutils 2.40) and file(1) say about
 * the same binary, for binaries compiled just now by gcc, the Debian cross compilers and musl-gcc.
 */
@Tag("integration")
class ElfOracleTest {

  static Stream<String> elfFixtures() {
    return Fixtures.get().elf.keySet().stream();
  }

  /** The fixtures with segments to harden (not relocatable objects). */
  static Stream<String> hardenedFixtures() {
    return elfFixtures().filter(n -> Inspector.inspect(file(n)).elf().hardening() != null);
  }

  /** The fixtures that are loaded through program headers (every kind but relocatable objects). */
  static Stream<String> loadableFixtures() {
    return elfFixtures().filter(n -> !Inspector.inspect(file(n)).elf().type().equals("object"));
  }

  private static Path file(String name) {
    return Fixtures.get().elf.get(name);
  }

  private static String readelf(String opts, Path f) {
    return Fixtures.oracle("readelf", "-W", opts, f.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elfFixtures")
  void headerMatchesReadelf(String name) {
    BinaryFacts f = Inspector.inspect(file(name));
    ElfFacts e = f.elf();
    String h = readelf("-hW", file(name));
    assertThat("ELF" + e.elfClass()).isEqualTo(first(h, "Class:\\s+(\\S+)"));
    assertThat(first(h, "Data:\\s+.*(little|big) endian")).isEqualTo(f.endian());
    assertThat(e.machineName()).isEqualTo(first(h, "Machine:\\s+(.+)$").trim());
    assertThat(e.flags()).isEqualTo(first(h, "Flags:\\s+(0x[0-9a-f]+)"));
    assertThat(e.sections()).isEqualTo(Integer.parseInt(first(h, "Number of section headers:\\s+(\\d+)")));
    assertThat(e.programHeaders()).isEqualTo(Integer.parseInt(first(h, "Number of program headers:\\s+(\\d+)")));
    assertThat(f.problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elfFixtures")
  void typeAndLinkageMatchFileAndReadelf(String name) {
    BinaryFacts f = Inspector.inspect(file(name));
    String type = f.elf().type();
    String fileOut = Fixtures.oracle("file", "-b", file(name).toString());
    String readelfType = first(readelf("-hW", file(name)), "Type:\\s+(\\S+)");
    switch (type) {
      case "object" -> assertThat(readelfType).isEqualTo("REL");
      case "executable" -> assertThat(readelfType).isEqualTo("EXEC");
      default -> assertThat(readelfType).isEqualTo("DYN");
    }
    if (type.equals("static-pie")) {
      assertThat(fileOut).contains("static-pie linked");
    } else if (type.equals("pie")) {
      assertThat(fileOut).contains("pie executable").contains("dynamically linked");
    } else if (type.equals("shared-library")) {
      assertThat(fileOut).contains("shared object");
    } else if (type.equals("executable")) {
      assertThat(fileOut).containsPattern("LSB executable|MSB executable");
    }
    if ("static".equals(f.linkage())) {
      assertThat(fileOut).containsPattern("statically linked|static-pie linked");
    } else if ("dynamic".equals(f.linkage())) {
      assertThat(fileOut).contains("dynamically linked");
    }
    assertThat(f.elf().stripped()).isEqualTo(fileOut.contains(", stripped"));
    assertThat(f.elf().debugInfo()).isEqualTo(fileOut.contains("with debug_info"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elfFixtures")
  void segmentsAndDynamicMatchReadelf(String name) {
    ElfFacts e = Inspector.inspect(file(name)).elf();
    String l = readelf("-lW", file(name));
    String d = readelf("-dW", file(name));
    assertThat(e.interpreter()).isEqualTo(first(l, "\\[Requesting program interpreter: (.+)\\]"));
    assertThat(e.needed()).isEqualTo(all(d, "\\(NEEDED\\)\\s+Shared library: \\[(.+)\\]"));
    assertThat(e.rpath()).isEqualTo(all(d, "\\(RPATH\\)\\s+Library rpath: \\[(.+)\\]"));
    assertThat(e.runpath()).isEqualTo(all(d, "\\(RUNPATH\\)\\s+Library runpath: \\[(.+)\\]"));
    assertThat(e.soname()).isEqualTo(first(d, "\\(SONAME\\)\\s+Library soname: \\[(.+)\\]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hardenedFixtures")
  void hardeningMatchesReadelf(String name) {
    ElfFacts e = Inspector.inspect(file(name)).elf();
    String l = readelf("-lW", file(name));
    String d = readelf("-dW", file(name));
    boolean relro = l.contains("GNU_RELRO");
    boolean now = d.contains("(BIND_NOW)") || Pattern.compile("\\(FLAGS(_1)?\\)\\s+Flags:.*\\bNOW\\b").matcher(d).find();
    assertThat(e.hardening().relro()).isEqualTo(!relro ? "none" : now ? "full" : "partial");
    String stack = first(l, "GNU_STACK\\s+(?:\\S+\\s+){5}(\\S+(?: \\S)?)\\s");
    if (stack != null) {
      assertThat(e.hardening().nx()).as("GNU_STACK flags %s", stack).isEqualTo(!stack.contains("E"));
    }
    assertThat(e.hardening().textrel()).isEqualTo(d.contains("(TEXTREL)") || d.matches("(?s).*Flags:.*TEXTREL.*"));
    boolean pieFlag = Pattern.compile("\\(FLAGS_1\\)\\s+Flags:.*\\bPIE\\b").matcher(d).find();
    if (pieFlag) {
      assertThat(e.type()).isIn("pie", "static-pie");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elfFixtures")
  void versionNeedsAndTheSymbolsNeedingThemMatchReadelf(String name) {
    ElfFacts e = Inspector.inspect(file(name)).elf();
    String v = readelf("-VW", file(name));
    List<VersionNeed> expected = new ArrayList<>();
    String lib = null;
    List<String> versions = null;
    for (String line : v.lines().toList()) {
      String file = first(line, "File: (\\S+)\\s+Cnt:");
      String ver = first(line, "Name: (\\S+)\\s+Flags:");
      if (file != null) {
        lib = file;
        versions = new ArrayList<>();
        expected.add(new VersionNeed(lib, versions));
      } else if (ver != null && versions != null && line.contains("Version:") && v.indexOf("Version needs") < v.indexOf(line)) {
        versions.add(ver);
      }
    }
    assertThat(e.versionNeeds()).isEqualTo(expected);

    Map<String, String> newestExpected = new LinkedHashMap<>();
    for (VersionNeed n : expected) {
      for (String ver : n.versions()) {
        Matcher m = Pattern.compile("(.+)_(\\d+(?:\\.\\d+)*)$").matcher(ver);
        if (m.matches()) {
          newestExpected.merge(m.group(1), m.group(2), (a, b) -> Versions.compare(a, b) >= 0 ? a : b);
        }
      }
    }
    Map<String, String> newestActual = new LinkedHashMap<>();
    e.newestVersions().stream().filter(n -> !n.family().equals("GLIBC") || newestExpected.containsKey("GLIBC")
        || !n.version().equals("2.36")).forEach(n -> newestActual.put(n.family(), n.version()));
    assertThat(newestActual).isEqualTo(newestExpected);

    String syms = readelf("--dyn-syms", file(name));
    for (NewestVersion n : e.newestVersions()) {
      TreeSet<String> want = new TreeSet<>(all(syms, "\\sUND (\\S+)@" + Pattern.quote(n.family() + "_" + n.version()) + "\\b"));
      if (want.size() <= 50) {
        assertThat(new TreeSet<>(n.symbols())).as(n.family() + "_" + n.version()).isEqualTo(want);
      }
    }
    TreeSet<String> undefined = new TreeSet<>(all(syms, "\\sUND ([A-Za-z_][^@\\s]*)"));
    TreeSet<String> fortified = new TreeSet<>(undefined.stream().filter(s -> s.endsWith("_chk") && !s.startsWith("__stack_chk")).toList());
    if (e.hardening() != null) {
      assertThat(new TreeSet<>(e.hardening().fortifiedFunctions())).isEqualTo(fortified);
      if (e.hardening().canary() != null) {
        assertThat(e.hardening().canary()).isEqualTo(undefined.contains("__stack_chk_fail") || undefined.contains("__stack_chk_guard"));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elfFixtures")
  void notesMatchReadelf(String name) {
    ElfFacts e = Inspector.inspect(file(name)).elf();
    String n = readelf("-nW", file(name));
    assertThat(e.buildId()).isEqualTo(first(n, "Build ID: ([0-9a-f]+)"));
    assertThat(e.minKernel()).isEqualTo(first(n, "OS: Linux, ABI: (\\S+)"));
    String isa = first(n, "x86 ISA needed: ([^\\n]+?)\\s*$");
    if (isa == null) {
      assertThat(e.gnuProperty() == null ? null : e.gnuProperty().x86IsaNeeded()).isNull();
    } else {
      assertThat(String.join(", ", e.gnuProperty().x86IsaNeeded())).isEqualTo(isa.replaceAll(",? x86 feature.*", ""));
    }
    String x86feature = first(n, "x86 feature: ([A-Z, ]+)");
    if (x86feature != null) {
      assertThat(e.gnuProperty().ibt()).isEqualTo(x86feature.contains("IBT"));
      assertThat(e.gnuProperty().shstk()).isEqualTo(x86feature.contains("SHSTK"));
    }
    String a64 = first(n, "AArch64 feature: ([A-Z, ]+)");
    if (a64 != null) {
      assertThat(e.gnuProperty().bti()).isEqualTo(a64.contains("BTI"));
      assertThat(e.gnuProperty().pac()).isEqualTo(a64.contains("PAC"));
    } else if (e.gnuProperty() != null) {
      assertThat(e.gnuProperty().bti()).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elfFixtures")
  void archAttributesMatchReadelf(String name) {
    BinaryFacts f = Inspector.inspect(file(name));
    String a = readelf("-AW", file(name));
    String flags = readelf("-hW", file(name));
    if (f.elf().arm() != null) {
      assertThat(f.elf().arm().cpuArch()).isEqualTo(first(a, "Tag_CPU_arch: (\\S+)"));
      String vfp = first(a, "Tag_ABI_VFP_args: (.+)$");
      assertThat(f.elf().arm().vfpArgs()).isEqualTo(vfp == null ? null : vfp.trim().equals("VFP registers") ? 1 : 0);
      String floatAbi = flags.contains("hard-float ABI") ? "hard" : flags.contains("soft-float ABI") ? "soft" : null;
      if (floatAbi != null) {
        assertThat(f.floatAbi()).isEqualTo(floatAbi);
      }
      assertThat(f.elf().arm().eabiVersion()).isEqualTo(flags.contains("Version5 EABI") ? 5 : f.elf().arm().eabiVersion());
    }
    if (f.elf().riscv() != null) {
      assertThat(f.elf().riscv().isa()).isEqualTo(first(a, "Tag_RISCV_arch: \"([^\"]+)\""));
      assertThat(f.elf().riscv().rvc()).isEqualTo(flags.contains("RVC"));
      String abi = flags.contains("double-float ABI") ? "double" : flags.contains("single-float ABI") ? "single"
          : flags.contains("quad-float ABI") ? "quad" : "soft";
      assertThat(f.floatAbi()).isEqualTo(abi);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loadableFixtures")
  void sectionHeadersAreNotNeeded(String name) throws Exception {
    // Drop the section header table (e_shoff = e_shnum = 0): everything found through program
    // headers must stay the same, which is what makes section-stripped files work.
    Path original = file(name);
    BinaryFacts full = Inspector.inspect(original);
    byte[] bytes = java.nio.file.Files.readAllBytes(original);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (full.elf().elfClass() == 64) {
      b.putLong(40, 0);
      b.putShort(60, (short) 0);
    } else {
      b.putInt(32, 0);
      b.putShort(48, (short) 0);
    }
    BinaryFacts bare = Inspector.inspect(name + "-no-sections", java.nio.ByteBuffer.wrap(bytes));
    ElfFacts a = full.elf();
    ElfFacts c = bare.elf();
    assertThat(c.sections()).isZero();
    assertThat(c.type()).isEqualTo(a.type());
    assertThat(c.interpreter()).isEqualTo(a.interpreter());
    assertThat(c.needed()).isEqualTo(a.needed());
    assertThat(c.versionNeeds()).isEqualTo(a.versionNeeds());
    assertThat(c.newestVersions()).isEqualTo(a.newestVersions());
    assertThat(c.buildId()).isEqualTo(a.buildId());
    assertThat(c.minKernel()).isEqualTo(a.minKernel());
    assertThat(c.gnuProperty()).isEqualTo(a.gnuProperty());
    assertThat(c.hardening()).isEqualTo(a.hardening());
    assertThat(bare.target()).isEqualTo(full.target());
    if (a.riscv() != null) {
      assertThat(c.riscv().isa()).as("from PT_RISCV_ATTRIBUTES").isEqualTo(a.riscv().isa());
    }
  }
}
