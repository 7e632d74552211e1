package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.BuildTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `crosskit setup` reads from a project: build system, languages, host tools. */
class ProjectNeedsTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static ProjectNeeds needs(Path dir) {
    ProjectConfig config = new ConfigLoader().load(dir, Map.of(), JsonNodeFactory.instance.objectNode());
    TargetResolver resolver = TargetResolver.builtIn();
    List<Target> targets = config.targets().stream().map(resolver::target).toList();
    return ProjectNeeds.of(config, targets);
  }

  private static List<String> tools(ProjectNeeds n) {
    return n.tools().stream().map(BuildTools.Tool::name).toList();
  }

  @Test
  void theExamples() {
    ProjectNeeds rust = needs(EXAMPLES.resolve("rust-c"));
    assertThat(rust.buildSystem()).isEqualTo("cargo");
    assertThat(rust.languages()).containsExactly("c", "rust");
    assertThat(tools(rust)).containsExactly("cargo", "pkg-config");
    ProjectNeeds go = needs(EXAMPLES.resolve("go-cgo"));
    assertThat(go.languages()).as("its cmath package imports C").containsExactly("go", "c");
    assertThat(tools(go)).containsExactly("go");
    ProjectNeeds cmake = needs(EXAMPLES.resolve("c-cmake"));
    assertThat(cmake.languages()).as("src/summary.cpp").containsExactly("c", "c++");
    assertThat(tools(cmake)).contains("cmake", "ninja");
    assertThat(needs(EXAMPLES.resolve("c-meson")).languages()).containsExactly("c");
  }

  @Test
  void cxxSourcesBringCxxAndAutotoolsWithoutConfigureItsBootstrapTools(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("crosskit.toml"), "[project]\nbuild = \"autotools\"\ntargets = [\"aarch64-linux-gnu\"]\n");
    Files.writeString(dir.resolve("configure.ac"), "AC_INIT([x], [1])\n");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/main.c"), "int main(void) { return 0; }\n");
    assertThat(needs(dir).languages()).containsExactly("c");
    Files.createDirectories(dir.resolve("target/crosskit"));
    Files.writeString(dir.resolve("target/crosskit/generated.cpp"), "");
    assertThat(needs(dir).languages()).as("build outputs are not the project's sources").containsExactly("c");
    Files.writeString(dir.resolve("src/util.cc"), "int f() { return 1; }\n");
    assertThat(needs(dir).languages()).containsExactly("c", "c++");
    assertThat(tools(needs(dir))).containsExactly("make", "autoconf", "automake", "libtool", "pkg-config");
  }

  @Test
  void pureGoNeedsNoC(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("go.mod"), "module example.com/pure\n\ngo 1.19\n");
    Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main() {}\n");
    Files.writeString(dir.resolve("crosskit.toml"), "[project]\ntargets = [\"linux/arm64\"]\n");
    assertThat(needs(dir).buildSystem()).isEqualTo("go");
    assertThat(needs(dir).languages()).containsExactly("go");
  }
}
