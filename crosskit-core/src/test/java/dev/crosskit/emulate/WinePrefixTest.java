package dev.crosskit.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.HostTools;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.target.TargetResolver;
import dev.crosskit.toolchain.ToolchainData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the real Wine (Debian package wine64): the prefix is made once, even by racing callers. */
@Tag("integration")
class WinePrefixTest {
  @Test
  void prepareCreatesThePrefixOnceForConcurrentCallers(@TempDir Path home) throws Exception {
    Runners runners = new Runners(ToolchainData.builtIn(), HostTools.system(), home);
    Runner wine = runners.find(TargetResolver.builtIn().target("x86_64-windows-gnu"), null)
        .orElseThrow(() -> new AssertionError("no Wine here: apt-get install wine64"));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      threads.add(Thread.ofPlatform().start(() -> wine.prepare(new ProcessRunner())));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(home.resolve("wine-prefix/.update-timestamp")).isRegularFile();
    assertThat(home.resolve("wine-prefix/drive_c")).isDirectory();
    // the server wrote the registry and ended before prepare returned: nothing of the set-up is left running
    assertThat(home.resolve("wine-prefix/system.reg")).isNotEmptyFile();
  }
}
