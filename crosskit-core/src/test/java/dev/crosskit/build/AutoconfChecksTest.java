package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.exec.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoconfChecksTest {
  private static final String CACHE = """
      # This file is a shell script that caches the results of configure
      # tests run on this system so they can be shared between configure
      ac_cv_build=${ac_cv_build=x86_64-pc-linux-gnu}
      ac_cv_header_stdlib_h=${ac_cv_header_stdlib_h=yes}
      test ${ac_cv_path_SED+y} || ac_cv_path_SED=/usr/bin/sed
      lt_cv_sys_max_cmd_len=${lt_cv_sys_max_cmd_len=1572864}
      """;

  @Test
  void configureAlwaysGetsItsCacheFileInTheTargetsDirectory(@TempDir Path dir) throws Exception {
    AutoconfChecks checks = new AutoconfChecks(dir.resolve("src/configure"), dir.resolve("t"));
    Command configure = Command.of("./configure", "--host=riscv64-linux-gnu").withCwd(dir.resolve("src"));
    String cacheFile = "--cache-file=" + dir.resolve("t/config.cache");
    assertThat(checks.command(configure, false).argv()).containsExactly("./configure", cacheFile, "--host=riscv64-linux-gnu");
    assertThat(checks.command(configure, true).argv()).containsExactly("./configure", cacheFile, "--host=riscv64-linux-gnu");
    assertThat(checks.command(configure, true).cwd()).isEqualTo(dir.resolve("src"));
    assertThat(checks.inputs()).containsOnlyKeys("configure");

    assertThat(checks.results()).isEmpty();
    Files.createDirectories(dir.resolve("t"));
    checks.seed(CACHE);
    assertThat(checks.results()).contains(CACHE);
    assertThat(checks.count(CACHE)).isEqualTo(3); // the guarded path entry is not counted as one
    checks.forget();
    assertThat(dir.resolve("t/config.cache")).doesNotExist();
  }
}
