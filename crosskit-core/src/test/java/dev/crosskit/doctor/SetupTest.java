package dev.crosskit.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.CrosskitHome;
import dev.crosskit.base.HostTools;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.emulate.Runners;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.rust.RustStd;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.SysrootProvider;
import dev.crosskit.toolchain.ToolchainData;
import dev.crosskit.toolchain.ToolchainFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupTest {
  private static final TargetResolver TARGETS = TargetResolver.builtIn();

  private static ToolchainDoctor doctor(Path bin, Path binfmt) {
    HostTools tools = new HostTools(List.of(bin));
    return new ToolchainDoctor(new ToolchainFinder(ToolchainData.builtIn(), tools, SysrootProvider.none()),
        new Runners(ToolchainData.builtIn(), tools, bin), new Binfmt(binfmt),
        new RustStd(CrosskitHome.dir(), Path.of(System.getProperty("user.home")), new ProcessRunner()));
  }

  @Test
  void plansOnlyThePackagesTheGapsNameAndPrintsCommandsWhenNotRoot(@TempDir Path bin, @TempDir Path binfmt) {
    Setup setup = new Setup(doctor(bin, binfmt), new ProcessRunner(), false);
    Setup.Plan plan = setup.plan(List.of(TARGETS.target("aarch64-linux-gnu")), Set.of("c"));
    assertThat(plan.packages()).contains("gcc-aarch64-linux-gnu", "binutils-aarch64-linux-gnu", "qemu-user-static", "ccache")
        .doesNotContain("g++-aarch64-linux-gnu", "golang-go", "rustc-web", "wine64");
    assertThat(plan.mountBinfmt()).isTrue();
    assertThat(plan.enableHandlers()).containsExactly("qemu-aarch64");
    List<String> said = new ArrayList<>();
    assertThat(setup.apply(plan, false, said::add)).isFalse();
    assertThat(said).first().asString().contains("Not running as root");
    assertThat(said).anySatisfy(l -> assertThat(l).startsWith("  apt-get install -y --no-install-recommends gcc-aarch64-linux-gnu"));
    assertThat(said).anySatisfy(l -> assertThat(l).isEqualTo("  update-binfmts --enable qemu-aarch64"));
  }

  @Test
  void theCompileCacheComesWithCAndIsCheckedForEveryTarget(@TempDir Path bin, @TempDir Path binfmt) throws Exception {
    ToolchainDoctor doctor = doctor(bin, binfmt);
    Setup setup = new Setup(doctor, new ProcessRunner(), false);
    assertThat(setup.plan(List.of(TARGETS.target("aarch64-linux-gnu")), Set.of("go")).packages()).doesNotContain("ccache");
    DoctorReport.Check missing = doctor.check(TARGETS.target("aarch64-linux-gnu")).checks().stream()
        .filter(c -> c.item().equals("cache")).findFirst().orElseThrow();
    assertThat(missing.status()).isEqualTo(DoctorReport.Status.MISSING);
    assertThat(missing.fixes()).containsExactly("apt-get install ccache");
    Files.createFile(bin.resolve("ccache")).toFile().setExecutable(true);
    DoctorReport.Check found = doctor(bin, binfmt).check(TARGETS.target("aarch64-linux-gnu")).checks().stream()
        .filter(c -> c.item().equals("cache")).findFirst().orElseThrow();
    assertThat(found.status()).isEqualTo(DoctorReport.Status.OK);
    assertThat(found.detail()).contains(bin.resolve("ccache").toString());
  }

  @Test
  void sysrootGapsAreReportedNotInstalled(@TempDir Path bin, @TempDir Path binfmt) {
    Setup setup = new Setup(doctor(bin, binfmt), new ProcessRunner(), false);
    Setup.Plan plan = setup.plan(List.of(TARGETS.target("riscv64-linux-musl")), Set.of("c"));
    assertThat(plan.unresolved()).anySatisfy(u -> assertThat(u).contains("crosskit sysroot add riscv64-linux-musl"));
  }

  @Test
  void nothingToDoWhenEverythingIsPresent(@TempDir Path bin, @TempDir Path binfmt) throws Exception {
    for (String n : List.of("gcc", "g++", "ar", "ranlib", "strip", "ccache")) {
      Files.createFile(bin.resolve(n)).toFile().setExecutable(true);
    }
    Setup setup = new Setup(doctor(bin, binfmt), new ProcessRunner(), true);
    Setup.Plan plan = setup.plan(List.of(TARGETS.target("x86_64-linux-gnu")), Setup.DEFAULT_LANGUAGES);
    assertThat(plan.nothingToDo()).isTrue();
    List<String> said = new ArrayList<>();
    assertThat(setup.apply(plan, false, said::add)).isTrue();
    assertThat(said).first().asString().startsWith("Nothing to install");
  }
}
