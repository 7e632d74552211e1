package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoProjectTest {
  @TempDir Path dir;

  @Test
  void cgoIsDetectedFromImportC() throws IOException {
    Files.writeString(dir.resolve("a.go"), "package a\nimport \"fmt\"\n");
    assertThat(GoProject.importsC(dir)).isFalse();
    Files.createDirectories(dir.resolve("testdata"));
    Files.writeString(dir.resolve("testdata/x.go"), "package x\nimport \"C\"\n");
    assertThat(GoProject.importsC(dir)).as("testdata is not built").isFalse();
    Files.createDirectories(dir.resolve("c"));
    Files.writeString(dir.resolve("c/c.go"), "package c\n\n// #include <stdio.h>\nimport (\n\t\"fmt\"\n\t\"C\"\n)\n");
    assertThat(GoProject.importsC(dir)).isTrue();
  }

  @Test
  void singleImportForm() throws IOException {
    Files.writeString(dir.resolve("b.go"), "package b\n/*\nint f(void);\n*/\nimport \"C\"\n");
    assertThat(GoProject.importsC(dir)).isTrue();
  }

  @Test
  void execStringQuotesOnlyWhatGoWouldSplit() {
    assertThat(GoProject.execString(List.of("/usr/bin/qemu-aarch64-static", "-L", "/usr/aarch64-linux-gnu")))
        .isEqualTo("/usr/bin/qemu-aarch64-static -L /usr/aarch64-linux-gnu");
    assertThat(GoProject.execString(List.of("/usr/bin/env", "WINEPATH=a b;c", "it's")))
        .isEqualTo("/usr/bin/env 'WINEPATH=a b;c' \"it's\"");
    assertThatThrownBy(() -> GoProject.execString(List.of("a'b\"c"))).isInstanceOf(UserException.class);
  }
}
