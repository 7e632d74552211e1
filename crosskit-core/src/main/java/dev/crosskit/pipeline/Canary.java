package dev.crosskit.pipeline;

import dev.crosskit.exec.Command;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime self-test crosskit ships (resources {@code canary.c} and {@code canary_cxx.cpp}):
 * compiled with the target's toolchain exactly as the project is, then run under the target's
 * runner. The C++ half is linked in when the toolchain has a C++ compiler.
 */
final class Canary {
  private static final String RESOURCES = "/dev/crosskit/canary/";

  private Canary() {}

  /** The compile commands (in order) that produce {@link #executable}. Writes the sources into {@code dir}. */
  static List<Command> compileCommands(Toolchain tc, Path dir) throws IOException {
    Files.createDirectories(dir);
    Target t = tc.target();
    if (t.isBareMetal()) {
      return bareMetal(tc, dir);
    }
    Path c = extract("canary.c", dir);
    List<String> defines = new ArrayList<>(List.of("-DCK_BITS=" + t.bits(),
        "-DCK_BIG_ENDIAN=" + ("big".equals(t.endian()) ? 1 : 0)));
    if (tc.cxx() != null) {
      defines.add("-DCK_WITH_CXX");
    }
    Path exe = executable(tc, dir);
    List<Command> out = new ArrayList<>();
    List<String> compileC = new ArrayList<>(List.of(tc.cc().toString()));
    compileC.addAll(tc.cflags());
    compileC.addAll(defines);
    compileC.addAll(List.of("-O1", "-pthread", "-c", c.toString(), "-o", dir.resolve("canary.o").toString()));
    if (tc.cxx() != null) {
      Path cxx = extract("canary_cxx.cpp", dir);
      out.add(Command.of(compileC));
      List<String> compileCxx = new ArrayList<>(List.of(tc.cxx().toString()));
      compileCxx.addAll(tc.cflags());
      compileCxx.addAll(List.of("-O1", "-pthread", "-c", cxx.toString(), "-o", dir.resolve("canary_cxx.o").toString()));
      out.add(Command.of(compileCxx));
      out.add(link(tc.cxx(), tc, exe, List.of(dir.resolve("canary.o"), dir.resolve("canary_cxx.o"))));
    } else {
      out.add(Command.of(compileC));
      out.add(link(tc.cc(), tc, exe, List.of(dir.resolve("canary.o"))));
    }
    return out;
  }

  /**
   * A bare-metal target has no threads and no C++ set up: {@code canary_bare_metal.c} checks
   * what its start-up code and the board's layout must get right instead.
   */
  private static List<Command> bareMetal(Toolchain tc, Path dir) throws IOException {
    Target t = tc.target();
    Path c = extract("canary_bare_metal.c", dir);
    List<String> argv = new ArrayList<>(List.of(tc.cc().toString()));
    argv.addAll(tc.cflags());
    argv.addAll(List.of("-DCK_BITS=" + t.bits(), "-DCK_BIG_ENDIAN=" + ("big".equals(t.endian()) ? 1 : 0),
        "-O1", "-g", c.toString(), "-o", executable(tc, dir).toString()));
    argv.addAll(tc.ldflags());
    argv.add("-lm");
    return List.of(Command.of(argv));
  }

  private static Command link(Path driver, Toolchain tc, Path exe, List<Path> objects) {
    List<String> argv = new ArrayList<>(List.of(driver.toString()));
    argv.addAll(tc.cflags());
    objects.forEach(o -> argv.add(o.toString()));
    argv.addAll(List.of("-o", exe.toString(), "-pthread"));
    argv.addAll(tc.ldflags());
    argv.add("-lm");
    return Command.of(argv);
  }

  static Path executable(Toolchain tc, Path dir) {
    return dir.resolve("canary" + tc.target().executableSuffix());
  }

  /** Counts the canary's "ok" and "FAIL" lines: {passed, total}. */
  static int[] checks(String output) {
    int ok = 0;
    int total = 0;
    for (String line : output.split("\n")) {
      if (line.startsWith("ok  ")) {
        ok++;
        total++;
      } else if (line.startsWith("FAIL ")) {
        total++;
      }
    }
    return new int[] {ok, total};
  }

  private static Path extract(String name, Path dir) throws IOException {
    Path out = dir.resolve(name);
    try (InputStream in = Canary.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }
    return out;
  }
}
