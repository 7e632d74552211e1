package dev.crosskit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();
  private final TargetResolver targets = TargetResolver.builtIn();

  private ProjectConfig load(String toml, Map<String, String> env, ObjectNode flags) throws IOException {
    Files.writeString(dir.resolve("crosskit.toml"), toml);
    return loader.load(dir, env, flags);
  }

  private ProjectConfig load(String toml) throws IOException {
    return load(toml, Map.of(), JsonNodeFactory.instance.objectNode());
  }

  /** No key is silently ignored: one the project's build adapter does not use is refused where it is written. */
  @Test
  void keysTheBuildAdapterDoesNotUseAreRefusedWithTheirLineAndTheAdaptersThatTakeThem() throws IOException {
    ProjectConfig cargo = load("""
        [project]
        build = "cargo"

        [build]
        configure = ["./configure"]
        """);
    assertThatThrownBy(() -> cargo.checkKeysFor("cargo")).isInstanceOf(ConfigException.class)
        .hasMessage("crosskit.toml:5: [build] configure is not used by the cargo build adapter; it is taken by cmake,"
            + " meson, autotools, make, command (remove it, or set [project] build to one of those)");
    ProjectConfig make = load("""
        [project]
        build = "make"
        [build]
        configure = ["./configure"]
        make-args = ["V=1"]

        [target.x86_64-linux-musl]
        build.type = "release"
        """);
    assertThatThrownBy(() -> make.checkKeysFor("make")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("crosskit.toml:8: [target.x86_64-linux-musl] build.type is not used by the make build"
            + " adapter; it is taken by cmake, meson");
    ProjectConfig fine = load("""
        [build]
        configure-args = ["-DWITH_X=ON"]
        type = "debug"
        install = false
        env = { CFLAGS = "-O3" }
        """);
    fine.checkKeysFor("cmake");
    assertThat(fine.forTarget(targets.target("aarch64-linux-gnu")).configureArgs()).containsExactly("-DWITH_X=ON");
    assertThat(fine.forTarget(targets.target("aarch64-linux-gnu")).buildType()).contains("debug");
    assertThat(fine.forTarget(targets.target("aarch64-linux-gnu")).install()).isFalse();
    assertThatThrownBy(() -> fine.checkKeysFor("autotools")).hasMessageStartingWith("crosskit.toml:3: [build] type");
    assertThatThrownBy(() -> load("[build]\ntype = \"fast\"\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:2");
  }

  @Test
  void readsTheDocumentedExample() throws IOException {
    ProjectConfig c = load("""
        [project]
        name = "zlib"
        build = "autotools"
        targets = ["x86_64-linux-gnu", "aarch64-linux-gnu", "armv7-linux-gnueabihf", "riscv64-linux-gnu"]

        [build]
        in-source = false
        configure = ["./configure"]
        command = ["make"]
        env = { CFLAGS = "-O2" }
        artifacts = ["libz.so*", "minigzip"]

        [test]
        command = ["make", "test"]
        timeout = "10m"

        [verify]
        static = false
        max-glibc = "2.36"

        [target.aarch64-linux-gnu]
        build.env = { CFLAGS = "-O2 -mcpu=cortex-a53" }
        """);
    assertThat(c.name()).isEqualTo("zlib");
    assertThat(c.buildSystem()).contains("autotools");
    assertThat(c.targets()).hasSize(4);
    TargetSettings arm64 = c.forTarget(targets.target("aarch64-linux-gnu"));
    assertThat(arm64.env()).containsEntry("CFLAGS", "-O2 -mcpu=cortex-a53");
    assertThat(arm64.configure()).contains(List.of("./configure"));
    assertThat(arm64.testTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(arm64.verify().path("max-glibc").asText()).isEqualTo("2.36");
    TargetSettings riscv = c.forTarget(targets.target("riscv64-linux-gnu"));
    assertThat(riscv.env()).containsEntry("CFLAGS", "-O2");
    assertThat(riscv.artifacts()).containsExactly("libz.so*", "minigzip");
  }

  @Test
  void targetSectionsAcceptAnySpellingAndShorthand() throws IOException {
    ProjectConfig c = load("""
        [target."linux/arm64"]
        packages = ["zlib1g-dev"]
        glibc = "2.31"
        """);
    TargetSettings s = c.forTarget(targets.target("aarch64-linux-gnu"));
    assertThat(s.packages()).containsExactly("zlib1g-dev");
    assertThat(s.glibc()).contains("2.31");
    assertThat(c.forTarget(targets.target("x86_64-linux-gnu")).packages()).isEmpty();
  }

  @Test
  void macosTargetsTakeTheirDeploymentTargetAndSdkAsShorthand() throws IOException {
    ProjectConfig c = load("""
        [build]
        macos = "10.15"

        [target.aarch64-apple-darwin]
        macos = "11.0"
        sdk = "14.2"

        [package]
        universal = true
        """);
    TargetSettings arm = c.forTarget(targets.target("darwin/arm64"));
    assertThat(arm.macos()).contains("11.0");
    assertThat(arm.sdk()).contains("14.2");
    TargetSettings x86 = c.forTarget(targets.target("x86_64-apple-darwin"));
    assertThat(x86.macos()).contains("10.15");
    assertThat(x86.sdk()).isEmpty();
    assertThat(c.tree().path("package").path("universal").asBoolean()).isTrue();
    ProjectConfig env = load("", Map.of("CROSSKIT_MACOS", "12.0", "CROSSKIT_SDK", "/opt/MacOSX14.sdk"),
        JsonNodeFactory.instance.objectNode());
    assertThat(env.forTarget(targets.target("aarch64-macos")).macos()).contains("12.0");
    assertThat(env.forTarget(targets.target("aarch64-macos")).sdk()).contains("/opt/MacOSX14.sdk");
    assertThatThrownBy(() -> load("""
        [target.aarch64-macos]
        macos = "eleven"
        """)).isInstanceOf(ConfigException.class)
        .hasMessage("crosskit.toml:2: 'target.aarch64-macos.macos' must be a version such as \"11.0\", got \"eleven\"");
  }

  @Test
  void boardsComeFromTheTargetShorthandTheBoardSectionAndTheEnvironment() throws IOException {
    ProjectConfig c = load("""
        [board]
        linker-script = "link/app.ld"

        [target.thumbv7em-none-eabihf]
        board = "netduinoplus2"

        [target.riscv64-none-elf.board]
        name = "spike"
        ram = { origin = 0x80200000, size = "1M" }
        """);
    var m4 = targets.target("thumbv7em-none-eabihf");
    assertThat(c.forTarget(m4).board(m4).name()).isEqualTo("netduinoplus2");
    assertThat(c.forTarget(m4).linkerScript()).contains(dir.resolve("link/app.ld").toAbsolutePath().normalize());
    var rv = targets.target("riscv64-none-elf");
    var spike = c.forTarget(rv).board(rv);
    assertThat(spike.qemuMachine()).isEqualTo("spike");
    assertThat(spike.ram().origin()).isEqualTo(0x80200000L);
    assertThat(spike.ram().size()).isEqualTo(1 << 20);
    assertThat(spike.flash().origin()).isEqualTo(0x80000000L);
    var m0 = targets.target("thumbv6m-none-eabi");
    assertThat(c.forTarget(m0).board(m0).name()).isEqualTo("microbit");
    ProjectConfig fromEnv = load("", Map.of("CROSSKIT_BOARD", "mps2-an500"), JsonNodeFactory.instance.objectNode());
    assertThat(fromEnv.forTarget(m4).board(m4).qemuCpu()).isEqualTo("cortex-m7");
  }

  @Test
  void wrongBoardSettingsAreOneLineErrors() throws IOException {
    var m4 = targets.target("thumbv7em-none-eabihf");
    assertThatThrownBy(() -> load("[target.thumbv7em-none-eabihf]\nboard = \"microbit\"\n").forTarget(m4).board(m4))
        .isInstanceOf(dev.crosskit.base.BadInputException.class).hasMessageContaining("cannot run thumbv7em-none-eabihf");
    assertThatThrownBy(() -> load("[board]\nram = { start = 1, size = 2 }\n").forTarget(m4).board(m4))
        .hasMessageContaining("[board] ram must be { origin = ADDRESS, size = SIZE }").hasMessageContaining("start");
    assertThatThrownBy(() -> load("[board]\nflash = { origin = \"x\", size = 2 }\n").forTarget(m4).board(m4))
        .hasMessageContaining("[board] flash origin 'x' is not an address or size");
    assertThatThrownBy(() -> load("[board]\nflash-size = 1\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'flash-size' in [board]");
    assertThatThrownBy(() -> load("[target.thumbv7em-none-eabihf]\nboard = 3\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be a string");
    assertThatThrownBy(() -> load("[board]\nlinker-script = \"x\\u0000y\"\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("crosskit.toml:2")
        .hasMessageContaining("'board.linker-script' must be a file name");
  }

  @Test
  void defaultsApplyWithoutAFile() {
    ProjectConfig c = loader.load(dir, Map.of(), JsonNodeFactory.instance.objectNode());
    assertThat(c.file()).isEmpty();
    assertThat(c.name()).isEqualTo(dir.getFileName().toString());
    TargetSettings s = c.forTarget(targets.target("x86_64-linux-gnu"));
    assertThat(s.inSource()).isFalse();
    assertThat(s.canary()).isTrue();
    assertThat(s.testTimeout()).isEqualTo(TargetSettings.DEFAULT_TEST_TIMEOUT);
  }

  @Test
  void precedenceIsFlagsThenEnvironmentThenFileThenDefaults() throws IOException {
    String toml = """
        [project]
        targets = ["aarch64-linux-gnu"]
        [test]
        timeout = "10m"
        [verify]
        max-glibc = "2.36"
        """;
    ProjectConfig fileOnly = load(toml);
    assertThat(fileOnly.targets()).containsExactly("aarch64-linux-gnu");

    Map<String, String> env = Map.of("CROSSKIT_TEST_TIMEOUT", "5m", "CROSSKIT_TARGETS", "riscv64,armhf",
        "CROSSKIT_MAX_GLIBC", "2.31");
    ProjectConfig withEnv = load(toml, env, JsonNodeFactory.instance.objectNode());
    assertThat(withEnv.targets()).containsExactly("riscv64", "armhf");
    TargetSettings s = withEnv.forTarget(targets.target("riscv64"));
    assertThat(s.testTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.verify().path("max-glibc").asText()).isEqualTo("2.31");

    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    flags.putObject("test").put("timeout", "30s");
    ProjectConfig withFlags = load(toml, env, flags);
    assertThat(withFlags.forTarget(targets.target("riscv64")).testTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(withFlags.targets()).containsExactly("riscv64", "armhf");
  }

  @Test
  void unknownKeyNamesFileLineAndExpectedKeys() {
    assertThatThrownBy(() -> load("""
        [project]
        name = "x"

        [build]
        comand = ["make"]
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:5")
        .hasMessageContaining("unknown key 'comand' in [build]")
        .hasMessageContaining("command");
  }

  @Test
  void unknownSectionIsAnError() {
    assertThatThrownBy(() -> load("[bulid]\ncommand = [\"make\"]\n"))
        .hasMessageContaining("crosskit.toml:1").hasMessageContaining("unknown section [bulid]");
  }

  @Test
  void wrongTypeSaysWhatWasExpected() {
    assertThatThrownBy(() -> load("[build]\ncommand = \"make all\"\n"))
        .hasMessageContaining("crosskit.toml:2")
        .hasMessageContaining("'build.command' must be a non-empty command as a list of strings");
    assertThatThrownBy(() -> load("[test]\ntimeout = \"ten minutes\"\n"))
        .hasMessageContaining("must be a duration");
    assertThatThrownBy(() -> load("[project]\nbuild = \"scons\"\n"))
        .hasMessageContaining("must be one of cmake, meson, autotools, make, command");
    assertThatThrownBy(() -> load("[verify]\nstatic = \"yes\"\n"))
        .hasMessageContaining("must be true or false");
    assertThatThrownBy(() -> load("[cache]\nremote = \"ftp://cache:21\"\n"))
        .hasMessageContaining("'cache.remote' must be a ccache remote storage URL");
  }

  @Test
  void theSharedCompileCacheIsAUrlPerTargetOrForAll() throws IOException {
    ProjectConfig c = load("[cache]\nremote = \"redis://127.0.0.1:6379\"\n"
        + "[target.x86_64-linux-musl.cache]\nremote = \"http://cache.example.org/ccache\"\n");
    assertThat(c.forTarget(targets.target("aarch64-linux-gnu")).cacheRemote()).contains("redis://127.0.0.1:6379");
    assertThat(c.forTarget(targets.target("x86_64-linux-musl")).cacheRemote()).contains("http://cache.example.org/ccache");
  }

  @Test
  void verifyIsReadByThePolicyReader() throws IOException {
    // an ISA level as a number or as inspect's name, in [verify] and in a target's override
    ProjectConfig c = load("[verify]\nmax-isa-level = 3\n[target.x86_64-linux-gnu.verify]\nmax-isa-level = \"v2\"\n");
    assertThat(c.forTarget(targets.target("x86_64-linux-musl")).verify().path("max-isa-level").asInt()).isEqualTo(3);
    assertThat(c.forTarget(targets.target("x86_64-linux-gnu")).verify().path("max-isa-level").asText()).isEqualTo("v2");
    assertThatThrownBy(() -> load("[project]\nname = \"x\"\n[verify]\nmax-isa-level = \"v7\"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("crosskit.toml:4: 'verify.max-isa-level' must be an x86-64 ISA level");
    assertThatThrownBy(() -> load("[verify]\nmax-glibc = \"2.x\"\n"))
        .hasMessage("crosskit.toml:2: 'verify.max-glibc' must be a version such as \"2.31\", got \"2.x\"");
    assertThatThrownBy(() -> load("[target.aarch64-macos.verify]\nmax-macos = \"eleven\"\n"))
        .hasMessage("crosskit.toml:2: 'verify.max-macos' must be a version such as \"2.31\", got \"eleven\"");
    assertThat(load("[verify]\nmacos-sdk = \"14\"\nmax-macos = \"11.0\"\n").forTarget(targets.target("aarch64-macos"))
        .verify().path("macos-sdk").asText()).isEqualTo("14");
    assertThatThrownBy(() -> load("[target.armhf.verify]\nrequire-relro = \"most\"\n"))
        .hasMessageStartingWith("crosskit.toml:2: 'verify.require-relro' must be \"partial\" or \"full\"");
    assertThatThrownBy(() -> load("[verify]\nexpect = \"armhf\"\n"))
        .hasMessageStartingWith("crosskit.toml:2: unknown key 'expect' in [verify]; expected one of static, max-glibc");
    assertThat(load("[project]\nname = \"x\"\n", Map.of("CROSSKIT_STATIC", "yes"),
        JsonNodeFactory.instance.objectNode()).forTarget(targets.target("armhf")).verify().path("static").asBoolean())
        .isTrue();
  }

  @Test
  void unknownTargetNamesLineAndSuggestion() {
    assertThatThrownBy(() -> load("[project]\ntargets = [\"aarch64-linux-gnu\", \"armv7-linux-gnueabhf\"]\n"))
        .hasMessageContaining("crosskit.toml:2").hasMessageContaining("armv7-linux-gnueabihf");
    assertThatThrownBy(() -> load("[target.sparc-linux-gnu]\nbuild.env = { A = \"1\" }\n"))
        .hasMessageContaining("crosskit.toml:1").hasMessageContaining("unknown target 'sparc-linux-gnu'");
  }

  /** A package name from crosskit.toml goes to apt-get: it gets the command line's check, at load. */
  @Test
  void packageNamesAreDebianNamesNotOptions() throws IOException {
    assertThatThrownBy(() -> load("[project]\nname = \"x\"\n[build]\npackages = [\"-oAPT::Get::AllowUnauthenticated=true\"]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:4")
        .hasMessageContaining("'-oAPT::Get::AllowUnauthenticated=true' is not a Debian package name");
    assertThatThrownBy(() -> load("[target.aarch64-linux-gnu]\npackages = [\"libzstd-dev\", \"-oDir::Etc::SourceList=/dev/null\"]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:2")
        .hasMessageContaining("'-oDir::Etc::SourceList=/dev/null' is not a Debian package name");
    assertThatThrownBy(() -> load("[target.aarch64-linux-gnu.build]\npackages = [\"lib*-dev\"]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'lib*-dev' is not a Debian package name");
    assertThatThrownBy(() -> load("[build]\npackages = [\"Zlib1g-dev\"]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'Zlib1g-dev' is not a Debian package name");
    assertThat(load("[build]\npackages = [\"libstdc++-12-dev\", \"zlib1g-dev\", \"libqt5core5a\"]\n")
        .forTarget(targets.target("aarch64-linux-gnu")).packages())
        .containsExactly("libstdc++-12-dev", "zlib1g-dev", "libqt5core5a");
  }

  @Test
  void aConfigurationThatIsNotARegularFileOrIsHugeIsRefused() throws Exception {
    dev.crosskit.base.SpecialFiles.fifo(dir.resolve("crosskit.toml"));
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> loader.load(dir, Map.of(), JsonNodeFactory.instance.objectNode()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("crosskit.toml: not a regular file"));
    Files.delete(dir.resolve("crosskit.toml"));
    Files.writeString(dir.resolve("crosskit.toml"), "# " + "x".repeat(2 << 20) + "\n");
    assertThatThrownBy(() -> loader.load(dir, Map.of(), JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("crosskit.toml").hasMessageContaining("larger than");
  }

  @Test
  void hugeDurationsAreBadInputNotOverflows() throws IOException {
    for (String timeout : List.of("\"99999999999999999999h\"", "\"9999999999999h\"", "99999999999999999999",
        "9223372036854775807", "\"8d\"", "\"169h\"", "-5", "0")) {
      assertThatThrownBy(() -> load("[project]\nname = \"x\"\n[build]\ntimeout = " + timeout + "\n")).as(timeout)
          .isInstanceOf(ConfigException.class).hasMessageContaining("crosskit.toml:4")
          .hasMessageContaining("'build.timeout' must be a duration");
    }
    Files.writeString(dir.resolve("crosskit.toml"), "[project]\nname = \"x\"\n");
    assertThatThrownBy(() -> loader.load(dir, Map.of("CROSSKIT_BUILD_TIMEOUT", "99999999999999999999h"),
        JsonNodeFactory.instance.objectNode())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("CROSSKIT_BUILD_TIMEOUT: 'build.timeout' must be a duration");
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    flags.putObject("test").put("timeout", "99999999999999999999h");
    assertThatThrownBy(() -> loader.load(dir, Map.of(), flags)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'test.timeout' must be a duration");
    assertThat(Durations.parse("7d")).contains(Duration.ofDays(7));
    assertThat(Durations.parse("99999999999999999999h")).isEmpty();
    assertThat(Durations.format(Duration.ofSeconds(20))).isEqualTo("20s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
  }

  @Test
  void environmentVariablesMustBeNamesAProcessCanHave() {
    for (String env : List.of("{ \"A=B\" = \"1\" }", "{ \"A\\u0000B\" = \"1\" }", "{ A = \"x\\u0000y\" }",
        "{ \"\" = \"1\" }")) {
      assertThatThrownBy(() -> load("[build]\nenv = " + env + "\n")).as(env).isInstanceOf(ConfigException.class)
          .hasMessageContaining("crosskit.toml:2").hasMessageContaining("'build.env");
    }
    assertThatThrownBy(() -> load("[target.aarch64-linux-gnu]\nbuild.env = { \"A=B\" = \"1\" }\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'A=B'");
  }

  @Test
  void artifactGlobsAndGlibcVersionsAreCheckedAtLoad() throws IOException {
    assertThatThrownBy(() -> load("[build]\nartifacts = [\"[\"]\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:2").hasMessageContaining("'[' in 'build.artifacts' is not a valid glob");
    assertThatThrownBy(() -> load("[build]\nglibc = \"banana\"\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:2").hasMessageContaining("'build.glibc' must be a version such as \"2.31\"");
    assertThatThrownBy(() -> load("[target.aarch64-linux-gnu]\nglibc = \"banana\"\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be a version such as");
    assertThatThrownBy(() -> load("[verify]\nmax-glibc = \"2.x\"\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'verify.max-glibc' must be a version such as");
    Files.writeString(dir.resolve("crosskit.toml"), "[project]\nname = \"x\"\n");
    assertThatThrownBy(() -> loader.load(dir, Map.of("CROSSKIT_GLIBC", "banana"), JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("CROSSKIT_GLIBC: ");
  }

  @Test
  void anUnknownKeyInATargetTableIsNamedAsAKey() {
    assertThatThrownBy(() -> load("[target.aarch64-linux-gnu]\ncflags = \"-O2\"\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crosskit.toml:2")
        .hasMessageContaining("unknown key 'cflags' in [target.aarch64-linux-gnu]")
        .hasMessageContaining("build.cflags")
        .hasMessageNotContaining("unknown section");
  }

  @Test
  void theProjectMustBeADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("notadir"), "x");
    assertThatThrownBy(() -> loader.load(file, Map.of(), JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(ConfigException.class).hasMessage("project directory " + file + " is not a directory");
    assertThatThrownBy(() -> loader.load(dir.resolve("missing"), Map.of(), JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
  }

  @Test
  void aBadTargetFromTheEnvironmentIsBlamedOnTheVariable() throws IOException {
    Files.writeString(dir.resolve("crosskit.toml"), "[project]\nname = \"x\"\nbuild = \"make\"\ntargets = [\"aarch64-linux-gnu\"]\n");
    assertThatThrownBy(() -> loader.load(dir, Map.of("CROSSKIT_TARGETS", "nosuch"), JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("CROSSKIT_TARGETS: unknown target 'nosuch'")
        .hasMessageNotContaining("crosskit.toml");
  }

  @Test
  void aTargetTableForATargetNotBuiltIsWarnedAbout() throws IOException {
    ProjectConfig c = load("""
        [project]
        targets = ["aarch64-linux-gnu"]
        [target.riscv64-linux-gnu]
        build.env = { A = "1" }
        [target.arm64]
        build.env = { A = "2" }
        """);
    assertThat(c.unusedTargetTables(List.of(targets.target("aarch64-linux-gnu"))))
        .containsExactly("crosskit.toml:3: [target.riscv64-linux-gnu] applies to riscv64-linux-gnu, which is not"
            + " among the targets built (aarch64-linux-gnu): its settings are not used");
    assertThat(c.unusedTargetTables(List.of(targets.target("aarch64-linux-gnu"), targets.target("riscv64")))).isEmpty();
  }

  @Test
  void syntaxErrorGivesPosition() {
    assertThatThrownBy(() -> load("[project\nname = 1\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("crosskit.toml:1:").hasMessageContaining("not valid TOML");
  }

  @Test
  void badEnvironmentValueIsAnError() {
    assertThatThrownBy(() -> loader.load(dir, Map.of("CROSSKIT_STATIC", "maybe"), JsonNodeFactory.instance.objectNode()))
        .hasMessageContaining("CROSSKIT_STATIC=maybe");
  }

  @Test
  void durations() {
    assertThat(Durations.parse("90")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.parse("0")).isEmpty();
  }

  /** Random and truncated inputs never escape as anything but a ConfigException. */
  @Test
  void garbageNeverCrashesTheLoader() throws IOException {
    String good = """
        [project]
        name = "zlib"
        targets = ["aarch64-linux-gnu"]
        [build]
        env = { CFLAGS = "-O2" }
        [target.aarch64-linux-gnu]
        build.env = { CFLAGS = "-O3" }
        """;
    Random random = new Random(42);
    for (int i = 0; i < 400; i++) {
      String text;
      if (i < good.length()) {
        text = good.substring(0, i);
      } else {
        char[] chars = good.toCharArray();
        for (int k = 0; k < 3; k++) {
          chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
        }
        text = new String(chars);
      }
      Files.writeString(dir.resolve("crosskit.toml"), text);
      try {
        loader.load(dir, Map.of(), JsonNodeFactory.instance.objectNode());
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
