package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What each fixture is known to be from how it was built; keeps the oracle comparisons from
 * passing vacuously (both sides empty) and pins the classification rules that matter to users.
 */
@Tag("integration")
class KnownFactsTest {
  private static BinaryFacts elf(String name) {
    return Inspector.inspect(Fixtures.get().elf.get(name));
  }

  @Test
  void x86Kinds() {
    BinaryFacts pie = elf("x86-pie");
    assertThat(pie.target()).isEqualTo("x86_64-linux-gnu");
    assertThat(pie.elf().type()).isEqualTo("pie");
    assertThat(pie.elf().hardening().canary()).isTrue();
    assertThat(pie.elf().hardening().fortifiedFunctions()).contains("__strcpy_chk");
    assertThat(pie.elf().newestVersions()).anySatisfy(n -> {
      assertThat(n.family()).isEqualTo("GLIBC");
      assertThat(n.version()).isEqualTo("2.34");
      assertThat(n.symbols()).contains("__libc_start_main", "pthread_create");
    });
    assertThat(elf("x86-nopie").elf().type()).isEqualTo("executable");
    assertThat(elf("x86-nopie").elf().hardening().canary()).isFalse();
    assertThat(elf("x86-static").elf().type()).isEqualTo("executable");
    assertThat(elf("x86-static").linkage()).isEqualTo("static");
    assertThat(elf("x86-static").libc()).as("glibc's ABI note").isEqualTo("glibc");
    assertThat(elf("x86-static-pie").elf().type()).isEqualTo("static-pie");
    assertThat(elf("x86-static-pie").linkage()).isEqualTo("static");
    assertThat(elf("x86-relro-full").elf().hardening().relro()).isEqualTo("full");
    assertThat(elf("x86-pie").elf().hardening().relro()).isEqualTo("partial");
    assertThat(elf("x86-relro-full").elf().gnuProperty().ibt()).isTrue();
    assertThat(elf("x86-v3").elf().gnuProperty().x86IsaLevel()).isEqualTo(3);
    assertThat(elf("x86-execstack").elf().hardening().nx()).isFalse();
    assertThat(elf("x86-debug").elf().debugInfo()).isTrue();
    assertThat(elf("x86-debug").elf().hostPaths()).anySatisfy(h -> assertThat(h.path()).startsWith("/tmp/"));
    assertThat(elf("x86-cxx").elf().newestVersions()).extracting(ElfFacts.NewestVersion::family)
        .contains("GLIBC", "GLIBCXX");
    // -march=native leaves the ISA note at baseline; the recorded compiler flags show the CPU.
    assertThat(elf("x86-native").elf().codegenFlags()).anySatisfy(x -> assertThat(x).startsWith("-march="))
        .noneSatisfy(x -> assertThat(x).isEqualTo("-march=native"));
    assertThat(elf("x86-switches").elf().codegenFlags()).contains("-march=x86-64-v2");
    assertThat(elf("x86-pie").elf().codegenFlags()).isEmpty();
    assertThat(elf("x86.o").elf().type()).isEqualTo("object");
    assertThat(elf("x86.o").linkage()).isNull();
  }

  @Test
  void muslStaticShowsNoLibcAndNoGuessedTarget() {
    BinaryFacts f = elf("x86-musl-static");
    assertThat(f.linkage()).isEqualTo("static");
    assertThat(f.libc()).isNull();
    assertThat(f.target()).isNull();
  }

  @Test
  void muslDynamicAndStrippedFiles() {
    BinaryFacts musl = elf("x86-musl-dyn");
    assertThat(musl.libc()).isEqualTo("musl");
    assertThat(musl.target()).isEqualTo("x86_64-linux-musl");
    assertThat(musl.elf().interpreter()).isEqualTo("/lib/ld-musl-x86_64.so.1");
    assertThat(elf("x86-stripped").elf().stripped()).isTrue();
    assertThat(elf("x86-pie").elf().stripped()).isFalse();
    BinaryFacts a64 = elf("a64-stripped");
    assertThat(a64.elf().stripped()).isTrue();
    assertThat(a64.target()).isEqualTo("aarch64-linux-gnu");
    assertThat(a64.elf().newestVersions()).isNotEmpty();
  }

  @Test
  void sharedLibraries() {
    BinaryFacts x = elf("libx.so");
    assertThat(x.elf().type()).isEqualTo("shared-library");
    assertThat(x.linkage()).isEqualTo("dynamic");
    assertThat(x.elf().rpath()).containsExactly("/home/someone/lib");
    assertThat(x.elf().hostPaths()).anySatisfy(h -> assertThat(h.where()).isEqualTo("RPATH"));
    BinaryFacts y = elf("liby.so");
    assertThat(y.elf().soname()).isEqualTo("liby.so.1");
    assertThat(y.elf().runpath()).containsExactly("$ORIGIN/../lib");
    assertThat(y.target()).isEqualTo("x86_64-linux-gnu");
  }

  @Test
  void crossTargets() {
    assertThat(elf("a64-pie").target()).isEqualTo("aarch64-linux-gnu");
    assertThat(elf("a64-static").target()).isEqualTo("aarch64-linux-gnu");
    assertThat(elf("rv64-pie").target()).isEqualTo("riscv64-linux-gnu");
    assertThat(elf("rv64-pie").floatAbi()).isEqualTo("double");
    assertThat(elf("rv64-pie").elf().riscv().isa()).startsWith("rv64i");
    assertThat(elf("rv64-cxx").elf().newestVersions()).extracting(ElfFacts.NewestVersion::family).contains("GLIBCXX");
    assertThat(elf("armhf").target()).isEqualTo("armv7-linux-gnueabihf");
    assertThat(elf("armhf").floatAbi()).isEqualTo("hard");
    assertThat(elf("armhf-static").target()).isEqualTo("armv7-linux-gnueabihf");
  }

  @Test
  void armv6ObjectsLinkedWithArmhfCrtBecomeV7() {
    // The Raspberry Pi trap: -march=armv6 code linked with Debian armhf's crt1.o is marked v7.
    assertThat(elf("armv6.o").elf().arm().cpuArch()).isEqualTo("v6");
    assertThat(elf("armv6.o").variant()).isEqualTo("armv6");
    assertThat(elf("armv6-exe").elf().arm().cpuArch()).isEqualTo("v7");
    assertThat(elf("armv6-exe").target()).isEqualTo("armv7-linux-gnueabihf");
    assertThat(elf("armsoft.o").floatAbi()).isEqualTo("soft");
    assertThat(elf("armhf").elf().arm().vfpArgs()).isEqualTo(1);
  }

  @Test
  void peAndMachO() {
    Fixtures fx = Fixtures.get();
    assertThat(Inspector.inspect(fx.pe.get("win-gui.exe")).pe().subsystem()).isEqualTo("gui");
    assertThat(Inspector.inspect(fx.pe.get("win.exe")).pe().subsystem()).isEqualTo("console");
    assertThat(Inspector.inspect(fx.pe.get("win-pthread.exe")).pe().imports()).contains("libwinpthread-1.dll");
    assertThat(Inspector.inspect(fx.pe.get("win-static.exe")).pe().imports()).doesNotContain("libwinpthread-1.dll");
    assertThat(Inspector.inspect(fx.pe.get("win-cxx.exe")).pe().imports()).contains("libstdc++-6.dll");
    assertThat(Inspector.inspect(fx.pe.get("answer.dll")).pe().kind()).isEqualTo("dll");
    MachOFacts.Slice arm = Inspector.inspect(fx.macho.get("mac-arm64")).macho().slices().get(0);
    assertThat(arm.dylibs()).containsExactly("@rpath/libanswer.dylib", "/usr/lib/libSystem.B.dylib");
    assertThat(arm.rpaths()).containsExactly("@loader_path/../lib");
    assertThat(arm.minOs()).isEqualTo("12.3");
    assertThat(arm.uuid()).isNotNull();
    assertThat(Inspector.inspect(fx.macho.get("mac-x86_64")).macho().slices().get(0).minOs()).isEqualTo("10.15");
    assertThat(Inspector.inspect(fx.macho.get("libanswer-arm64.dylib")).macho().slices().get(0).installName())
        .isEqualTo("@rpath/libanswer.dylib");
    assertThat(Inspector.inspect(fx.macho.get("mac-fat")).macho().slices()).hasSize(2);
  }

  @Test
  void nonBinariesAreNotBinaries() throws Exception {
    Path dir = Fixtures.get().dir;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Inspector.inspect(dir.resolve("hello.c")))
        .isInstanceOf(NotABinaryException.class).hasMessageContaining("not an ELF, PE or Mach-O");
    Path empty = java.nio.file.Files.createTempFile(dir, "empty", "");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Inspector.inspect(empty))
        .isInstanceOf(NotABinaryException.class).hasMessageContaining("empty");
    // A Java class file starts with 0xcafebabe like a fat Mach-O; its "count" is the class version.
    java.nio.file.Files.write(dir.resolve("A.class"), new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe,
        0, 0, 0, 65, 0, 0});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Inspector.inspect(dir.resolve("A.class")))
        .isInstanceOf(NotABinaryException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Inspector.inspect(dir.resolve("missing")))
        .isInstanceOf(dev.crosskit.base.UserException.class).hasMessageContaining("no such file");
  }
}
