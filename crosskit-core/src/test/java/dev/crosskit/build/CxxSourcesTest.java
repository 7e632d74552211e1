package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.config.TargetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CxxSourcesTest {
  @Test
  void cxxFilesByNameOutsideBuildOutput(@TempDir Path p) throws Exception {
    Files.writeString(p.resolve("main.c"), "int main(void){return 0;}\n");
    Files.createDirectories(p.resolve("target/x"));
    Files.writeString(p.resolve("target/x/gen.cpp"), "// build output, not a source\n");
    assertThat(CxxSources.present(p)).isFalse();
    Files.createDirectories(p.resolve("src/deep"));
    Files.writeString(p.resolve("src/deep/util.hpp"), "#pragma once\n");
    assertThat(CxxSources.present(p)).isTrue();
    assertThat(CxxSources.isCxx(Path.of("a.C"))).isTrue();
    assertThat(CxxSources.isCxx(Path.of("a.c"))).isFalse();
    assertThat(CxxSources.isCxx(Path.of("x.CC"))).isTrue();
    assertThat(CxxSources.isCxx(Path.of(".cpp"))).isFalse();
  }

  @Test
  void theSettingWinsOverTheSources(@TempDir Path p) throws Exception {
    Files.writeString(p.resolve("a.cc"), "int f();\n");
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    assertThat(CxxSources.wanted(new TargetSettings(tree), p)).isTrue();
    tree.putObject("build").put("cxx", false);
    assertThat(CxxSources.wanted(new TargetSettings(tree), p)).isFalse();
    Files.delete(p.resolve("a.cc"));
    ((ObjectNode) tree.get("build")).put("cxx", true);
    assertThat(CxxSources.wanted(new TargetSettings(tree), p)).isTrue();
  }
}
