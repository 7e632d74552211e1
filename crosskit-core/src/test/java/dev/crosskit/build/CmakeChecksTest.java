package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmakeChecksTest {
  /** A CMakeCache.txt as CMake 3.25 writes it, cut down: check results among other entries. */
  private static final String CACHE = """
      # This is the CMakeCache file.

      //Path to a program.
      CMAKE_AR:FILEPATH=/usr/bin/aarch64-linux-gnu-ar

      //Path to a library.
      MATH_LIBRARY:FILEPATH=/usr/aarch64-linux-gnu/lib/libm.so

      //No help, variable specified on the command line.
      HAVE_FROM_USER:UNINITIALIZED=1

      //Have include stdlib.h, set by the user
      HAVE_STDLIB_AS_STRING:STRING=1

      ########################
      # INTERNAL cache entries
      ########################

      //ADVANCED property for variable: CMAKE_AR
      CMAKE_AR-ADVANCED:INTERNAL=1
      //Test FLAG_SUPPORTED_Wall
      FLAG_SUPPORTED_Wall:INTERNAL=1
      //Test FLAG_SUPPORTED_fnosuchflag
      FLAG_SUPPORTED_fnosuchflag:INTERNAL=
      //Have include stdlib.h
      HAVE_STDLIB_H:INTERNAL=1
      //Have function strlcpy
      HAVE_STRLCPY:INTERNAL=
      //Have symbol printf
      HAVE_PRINTF:INTERNAL=1
      //Have library m
      HAVE_LIBM:INTERNAL=1
      //Path to CMake executable.
      CMAKE_COMMAND:INTERNAL=/usr/bin/cmake
      //This is the directory where this CMakeCache.txt was created
      CMAKE_CACHEFILE_DIR:INTERNAL=/tmp/b
      //Result of TRY_COMPILE
      HAVE_SIZEOF_INT:INTERNAL=TRUE
      CMAKE_C_COMPILER_LOADED_NO_HELP:INTERNAL=Test
      """;

  @Test
  void onlyTheCheckModulesInternalResultsAreKept() {
    String seed = CmakeChecks.seedScript(CACHE);
    assertThat(seed.lines()).containsExactly(
        "set(FLAG_SUPPORTED_Wall \"1\" CACHE INTERNAL \"Test FLAG_SUPPORTED_Wall\")",
        "set(FLAG_SUPPORTED_fnosuchflag \"\" CACHE INTERNAL \"Test FLAG_SUPPORTED_fnosuchflag\")",
        "set(HAVE_STDLIB_H \"1\" CACHE INTERNAL \"Have include stdlib.h\")",
        "set(HAVE_STRLCPY \"\" CACHE INTERNAL \"Have function strlcpy\")",
        "set(HAVE_PRINTF \"1\" CACHE INTERNAL \"Have symbol printf\")",
        "set(HAVE_LIBM \"1\" CACHE INTERNAL \"Have library m\")");
    assertThat(CmakeChecks.seedScript("# nothing\n")).isEmpty();
  }

  /** Values with every character CMake's quoted arguments treat specially, read back by a real cmake. */
  @Test
  void valuesRoundTripThroughCmake(@TempDir Path dir) throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("V_BACKSLASH", "C:\\path\\to\\");
    values.put("V_QUOTE", "say \"yes\"");
    values.put("V_DOLLAR", "$HOME ${CMAKE_COMMAND} $ENV{PATH}");
    values.put("V_SEMICOLON", "a;b;;c;");
    values.put("V_MIXED", "\\\"$;\\;#(x) [[y]] @z@ ");
    values.put("V_EMPTY", "");
    StringBuilder cache = new StringBuilder();
    values.forEach((k, v) -> cache.append("//Test ").append(k).append('\n').append(k).append(":INTERNAL=").append(v).append('\n'));
    Path seed = Files.writeString(dir.resolve("seed.cmake"), CmakeChecks.seedScript(cache.toString()));
    StringBuilder script = new StringBuilder("include(\"" + seed + "\")\n");
    values.keySet().forEach(k -> script.append("file(WRITE \"").append(dir).append('/').append(k).append("\" \"${")
        .append(k).append("}\")\n"));
    Path print = Files.writeString(dir.resolve("print.cmake"), script.toString());
    Result r = new ProcessRunner().capture(Command.of("cmake", "-P", print.toString()).withTimeout(Duration.ofMinutes(1)));
    assertThat(r.ok()).as(r.output() + r.error()).isTrue();
    for (Map.Entry<String, String> e : values.entrySet()) {
      assertThat(Files.readString(dir.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void theSeedIsPassedBeforeTheProjectsListsOnlyWhenThereIsOne(@TempDir Path dir) {
    BuildContext ctx = new BuildContext(null, null, java.util.Optional.empty(), dir.resolve("src"), dir.resolve("b"),
        dir.resolve("out/t"), Map.of(), null, null, 1, false, null, java.util.List.of());
    CmakeChecks checks = new CmakeChecks(ctx, dir.resolve("out/t/crosskit-toolchain.cmake"));
    Command configure = Command.of("cmake", "-S", "src", "-B", "b").withEnv("X", "1");
    assertThat(checks.command(configure, false)).isEqualTo(configure);
    Command seeded = checks.command(configure, true);
    assertThat(seeded.argv()).containsExactly("cmake", "-C", dir.resolve("out/t/crosskit-configure-seed.cmake").toString(),
        "-S", "src", "-B", "b");
    assertThat(seeded.env()).containsEntry("X", "1");
    assertThat(checks.count(CmakeChecks.seedScript(CACHE))).isEqualTo(6);
  }

  @Test
  void theInputsAreTheProjectsCmakeFilesAndTheToolchainFileNotCrosskitsOutput(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("CMakeLists.txt"), "project(p)\n");
    Files.createDirectories(src.resolve("cmake"));
    Files.writeString(src.resolve("cmake/Checks.cmake"), "include(CheckIncludeFile)\n");
    Files.writeString(src.resolve("main.c"), "int main(void) { return 0; }\n");
    Files.createDirectories(src.resolve(".git"));
    Files.writeString(src.resolve(".git/x.cmake"), "");
    Path work = Files.createDirectories(src.resolve("out/t"));
    Files.writeString(work.resolve("crosskit-configure-seed.cmake"), "set(A 1)\n");
    Path toolchain = Files.writeString(work.resolve("crosskit-toolchain.cmake"), "set(CMAKE_SYSTEM_NAME Linux)\n");
    BuildContext ctx = new BuildContext(null, null, java.util.Optional.empty(), src, work.resolve("build"), work,
        Map.of(), null, null, 1, false, null, java.util.List.of());
    assertThat(new CmakeChecks(ctx, toolchain).inputs()).containsOnlyKeys("source/CMakeLists.txt",
        "source/cmake/Checks.cmake", "toolchain file").containsEntry("toolchain file", toolchain);
  }
}
