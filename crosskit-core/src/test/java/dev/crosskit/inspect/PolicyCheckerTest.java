package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.target.TargetResolver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Policy decisions on real binaries. */
@Tag("integration")
class PolicyCheckerTest {
  private static BinaryFacts elf(String name) {
    return Inspector.inspect(Fixtures.get().elf.get(name));
  }

  private static Policy policy(String expect, boolean requireStatic, String maxGlibc, List<String> libs,
      Integer isa) {
    return new Policy(expect == null ? null : TargetResolver.builtIn().target(expect), requireStatic, maxGlibc, null,
        libs, isa, false, null, false, false, false);
  }

  private static Finding only(List<Finding> findings, String check) {
    List<Finding> f = findings.stream().filter(x -> x.check().equals(check)).toList();
    assertThat(f).as("findings for %s in %s", check, findings).hasSize(1);
    return f.get(0);
  }

  @Test
  void glibcCeilingNamesTheSymbols() {
    List<Finding> f = PolicyChecker.check(elf("a64-pie"), policy(null, false, "2.31", List.of(), null));
    Finding g = only(f, "max-glibc");
    assertThat(g.severity()).isEqualTo(Severity.FAIL);
    assertThat(g.message()).isEqualTo("needs GLIBC_2.34 (newer than 2.31): __libc_start_main, pthread_create, pthread_join");
    assertThat(only(PolicyChecker.check(elf("a64-pie"), policy(null, false, "2.36", List.of(), null)), "max-glibc")
        .severity()).isEqualTo(Severity.PASS);
  }

  @Test
  void ceilingBelowTheArchBaselineIsJudgedAgainstTheBaseline() {
    // aarch64's oldest glibc is 2.17: a 2.12 ceiling cannot be met, so it is raised with a warning.
    BinaryFacts lib = Inspector.inspect(Path.of("/usr/aarch64-linux-gnu/lib/libm.so.6"));
    List<Finding> f = PolicyChecker.check(lib, policy(null, false, "2.12", List.of(), null));
    assertThat(f).anySatisfy(x -> {
      assertThat(x.severity()).isEqualTo(Severity.WARN);
      assertThat(x.message()).contains("below aarch64's oldest glibc 2.17");
    });
  }

  @Test
  void glibcPrivateIsAlwaysAFinding() {
    BinaryFacts libm = Inspector.inspect(Path.of("/usr/arm-linux-gnueabihf/lib/libm.so.6"));
    Finding f = only(PolicyChecker.check(libm, Policy.none()), "glibc-private");
    assertThat(f.severity()).isEqualTo(Severity.FAIL);
    assertThat(f.message()).contains("GLIBC_PRIVATE");
  }

  @Test
  void expectChecksArchitectureLibcFloatAbiAndArmVariant() {
    assertThat(only(PolicyChecker.check(elf("a64-pie"), policy("linux/arm64", false, null, List.of(), null)), "expect")
        .severity()).isEqualTo(Severity.PASS);
    Finding wrongArch = only(PolicyChecker.check(elf("x86-pie"), policy("aarch64-linux-gnu", false, null, List.of(), null)), "expect");
    assertThat(wrongArch.severity()).isEqualTo(Severity.FAIL);
    assertThat(wrongArch.message()).contains("architecture x86_64 (want aarch64)");
    Finding pi = only(PolicyChecker.check(elf("armv6-exe"), policy("raspberrypi", false, null, List.of(), null)), "expect");
    assertThat(pi.severity()).isEqualTo(Severity.FAIL);
    assertThat(pi.message()).contains("built for armv7 (Tag_CPU_arch v7), which a armv6 CPU cannot run");
    Finding musl = only(PolicyChecker.check(elf("a64-pie"), policy("aarch64-linux-musl", false, null, List.of(), null)), "expect");
    assertThat(musl.message()).contains("libc glibc (want musl)");
    Finding windows = only(PolicyChecker.check(Inspector.inspect(Fixtures.get().pe.get("win.exe")),
        policy("x86_64-linux-gnu", false, null, List.of(), null)), "expect");
    assertThat(windows.message()).contains("is a pe file");
    List<Finding> staticMusl = PolicyChecker.check(elf("x86-musl-static"), policy("x86_64-linux-musl", true, null, List.of(), null));
    assertThat(staticMusl).extracting(Finding::severity).doesNotContain(Severity.FAIL);
    assertThat(staticMusl).anySatisfy(x -> assertThat(x.message()).contains("libc cannot be told"));
  }

  @Test
  void staticLibsIsaAndHardening() {
    assertThat(only(PolicyChecker.check(elf("x86-static-pie"), policy(null, true, null, List.of(), null)), "static")
        .severity()).isEqualTo(Severity.PASS);
    Finding dyn = only(PolicyChecker.check(elf("a64-pie"), policy(null, true, null, List.of(), null)), "static");
    assertThat(dyn.message()).contains("via /lib/ld-linux-aarch64.so.1").contains("libc.so.6");
    Finding libs = only(PolicyChecker.check(elf("x86-cxx"), policy(null, false, null, List.of("libc.so.*", "libm.so.*"), null)), "allow-lib");
    assertThat(libs.severity()).isEqualTo(Severity.FAIL);
    assertThat(libs.message()).contains("libstdc++.so.6");
    BinaryFacts dll = Inspector.inspect(Fixtures.get().pe.get("win-pthread.exe"));
    assertThat(only(PolicyChecker.check(dll, policy(null, false, null, List.of("kernel32.dll", "msvcrt.dll"), null)), "allow-lib")
        .message()).contains("libwinpthread-1.dll");
    assertThat(only(PolicyChecker.check(dll, policy(null, false, null, List.of("KERNEL32.DLL", "msvcrt.dll", "libwinpthread-*.dll"), null)),
        "allow-lib").severity()).isEqualTo(Severity.PASS);
    Finding isa = only(PolicyChecker.check(elf("x86-v3"), policy(null, false, null, List.of(), 2)), "max-isa-level");
    assertThat(isa.severity()).isEqualTo(Severity.FAIL);
    assertThat(isa.message()).contains("x86-64-v3");
    Policy hardening = new Policy(null, false, null, null, List.of(), null, true, "full", true, true, true);
    List<Finding> nopie = PolicyChecker.check(elf("x86-nopie"), hardening);
    assertThat(only(nopie, "require-pie").severity()).isEqualTo(Severity.FAIL);
    assertThat(only(nopie, "require-relro").severity()).isEqualTo(Severity.FAIL);
    assertThat(only(nopie, "require-nx").severity()).isEqualTo(Severity.PASS);
    assertThat(only(PolicyChecker.check(elf("x86-execstack"), hardening), "require-nx").severity()).isEqualTo(Severity.FAIL);
    assertThat(only(PolicyChecker.check(elf("x86-relro-full"), hardening), "require-relro").severity()).isEqualTo(Severity.PASS);
    assertThat(only(PolicyChecker.check(elf("libx.so"), hardening), "no-rpath").message()).contains("RPATH /home/someone/lib");
    assertThat(only(PolicyChecker.check(elf("libx.so"), hardening), "no-host-paths").severity()).isEqualTo(Severity.FAIL);
  }
}
