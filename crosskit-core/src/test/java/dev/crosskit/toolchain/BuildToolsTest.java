package dev.crosskit.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build systems' host tools (build-tools.json): which a build needs, and that the named packages provide them. */
class BuildToolsTest {
  private static final BuildTools TOOLS = BuildTools.builtIn();

  private static List<String> names(List<BuildTools.Tool> tools) {
    return tools.stream().map(BuildTools.Tool::name).toList();
  }

  @Test
  void autotoolsNeedsAutoreconfOnlyWithoutAGeneratedConfigure(@TempDir Path project) throws Exception {
    assertThat(names(TOOLS.required("autotools", project))).containsExactly("make", "autoconf", "automake", "libtool");
    Files.writeString(project.resolve("configure"), "#!/bin/sh\n");
    assertThat(names(TOOLS.required("autotools", project))).containsExactly("make");
    assertThat(names(TOOLS.wanted("autotools", project))).containsExactly("make", "pkg-config");
    assertThat(names(TOOLS.required("meson", project))).containsExactly("meson", "ninja");
    assertThat(names(TOOLS.wanted("cmake", project))).containsExactly("cmake", "ninja", "make", "pkg-config");
    assertThat(names(TOOLS.required("cargo", project))).containsExactly("cargo");
    assertThat(names(TOOLS.required("go", project))).containsExactly("go");
    assertThat(TOOLS.usedBy(TOOLS.all().stream().filter(t -> t.name().equals("ninja")).findFirst().orElseThrow()))
        .containsExactly("cmake", "meson");
  }

  /** On a host without the tools (an empty PATH), each is a gap whose fix installs exactly its packages. */
  @Test
  void missingToolsAreGapsNamingTheirPackages(@TempDir Path emptyBin, @TempDir Path project) {
    List<BuildTools.Status> statuses = TOOLS.check(TOOLS.required("autotools", project), new HostTools(List.of(emptyBin)));
    assertThat(statuses).allMatch(s -> s.found().isEmpty());
    assertThat(BuildTools.missingPackages(statuses)).containsExactly("make", "autoconf", "automake", "libtool");
    assertThat(statuses.get(3).gap().fix()).isEqualTo("apt-get install libtool");
    assertThat(statuses.get(3).gap().what()).isEqualTo("libtool (libtoolize)");
  }

  /**
   * The map is right: on this host (bin/test installs every one), dpkg says each tool's program
   * belongs to one of the packages build-tools.json names for it.
   */
  @Test
  void eachProgramBelongsToItsNamedPackage() {
    HostTools host = HostTools.system();
    ProcessRunner runner = new ProcessRunner();
    for (BuildTools.Tool tool : TOOLS.all()) {
      Path program = host.which(tool.program()).orElseThrow(() -> new AssertionError(tool.program()
          + " is missing: apt-get install " + String.join(" ", tool.packages()) + " (bin/test-packages.txt lists it)"));
      // The path looked up (/usr/bin/go is golang-go's link), else the file behind it (/usr/bin/automake
      // is an alternatives link that no package owns; automake-1.16 is automake's).
      Result owner = runner.capture(Command.of("dpkg", "-S", program.toString()).withTimeout(Duration.ofSeconds(30)));
      if (!owner.ok()) {
        owner = runner.capture(Command.of("dpkg", "-S", realPath(program)).withTimeout(Duration.ofSeconds(30)));
      }
      assertThat(owner.ok()).as("dpkg -S " + program + ": " + owner.error()).isTrue();
      String pkg = owner.output().substring(0, owner.output().indexOf(':'));
      assertThat(tool.packages()).as(tool.name() + " (" + program + ")").contains(pkg);
    }
  }

  private static String realPath(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
