package dev.crosskit.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real host tools for integration tests: absent ones fail the test with what to install. */
final class HostTools {
  static final ProcessRunner RUNNER = new ProcessRunner();

  private HostTools() {}

  static void require(String program, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    fail(program + " is not installed: apt-get install " + debianPackage + " (bin/test installs bin/test-packages.txt)");
  }

  static Result run(List<String> argv, Map<String, String> env, Path cwd) {
    return RUNNER.capture(new Command(argv, env, cwd, Duration.ofMinutes(3)));
  }

  static String ok(List<String> argv, Map<String, String> env, Path cwd) {
    Result r = run(argv, env, cwd);
    assertThat(r.ok()).as("%s\n%s", String.join(" ", argv), r.tail(30)).isTrue();
    return r.output();
  }

  static String ok(String... argv) {
    return ok(List.of(argv), Map.of(), null);
  }

  static List<String> words(String s) {
    return s.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(s.strip().split("\\s+")));
  }

  static Path resource(String name, Path dir) {
    try (InputStream in = HostTools.class.getResourceAsStream(name)) {
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The GLIBC_x.y versions a binary needs ({@code readelf -V}), sorted oldest first. */
  static List<String> glibcVersions(Path binary) {
    Matcher m = Pattern.compile("GLIBC_(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(ok("readelf", "-V", "-W", binary.toString()));
    TreeSet<String> versions = new TreeSet<>(DebianSuites::compareVersions);
    while (m.find()) {
      versions.add(m.group(1));
    }
    return List.copyOf(versions);
  }

  /** The NEEDED libraries of a binary ({@code readelf -d}). */
  static List<String> needed(Path binary) {
    Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]").matcher(ok("readelf", "-d", "-W", binary.toString()));
    List<String> libs = new ArrayList<>();
    while (m.find()) {
      libs.add(m.group(1));
    }
    return libs;
  }
}
