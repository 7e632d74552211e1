package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress of a several-target std build, from Cargo's unit graph and JSON messages. */
class StdBuildProgressTest {
  private static final String MUSL = "x86_64-unknown-linux-musl";
  private static final String RISCV = "riscv64gc-unknown-linux-gnu";

  private static String unit(String platform, String name, String mode, int... deps) {
    StringBuilder d = new StringBuilder();
    for (int i : deps) {
      d.append(d.isEmpty() ? "" : ",").append("{\"index\":").append(i).append('}');
    }
    return "{\"platform\":" + (platform == null ? "null" : "\"" + platform + "\"") + ",\"target\":{\"name\":\"" + name
        + "\"},\"mode\":\"" + mode + "\",\"dependencies\":[" + d + "]}";
  }

  private static String artifact(String triple, String crate, boolean test, String executable) {
    return "{\"reason\":\"compiler-artifact\",\"target\":{\"name\":\"" + crate + "\"},\"profile\":{\"test\":" + test
        + "},\"filenames\":[\"/w/target/" + triple + "/release/deps/lib" + crate + ".rlib\"],\"executable\":"
        + (executable == null ? "null" : "\"" + executable + "\"") + "}";
  }

  @Test
  void followsEachTargetThroughItsUnitGraph() {
    String graph = "{\"units\":[" + String.join(",", List.of(
        unit(MUSL, "core", "build"),                          // 0
        unit(MUSL, "std", "build", 0, 5),                     // 1
        unit(MUSL, "crosskit_std_stub", "build", 1),          // 2
        unit(MUSL, "crosskit_std_stub", "test", 1),           // 3
        unit(RISCV, "core", "build"),                         // 4
        unit(null, "build_script_build", "build"),            // 5: host, not counted
        unit(MUSL, "std", "run-custom-build", 5))) + "]}";    // 6: not a crate compile
    StdBuildProgress p = new StdBuildProgress(graph, List.of(MUSL, RISCV));
    assertThat(p.total(MUSL)).isEqualTo(4);
    assertThat(p.total(RISCV)).isEqualTo(1);
    assertThat(p.line()).contains(MUSL + " 0/4 crates (core)", RISCV + " 0/1 crates (core)");
    p.accept(artifact(MUSL, "core", false, null));
    p.accept("warning: not json");
    assertThat(p.line()).contains(MUSL + " 1/4 crates (std)");
    p.accept(artifact(MUSL, "std", false, null));
    p.accept(artifact(MUSL, "crosskit_std_stub", false, null));
    assertThat(p.line()).contains(MUSL + " 3/4 crates (crosskit_std_stub)");
    assertThat(p.executable(MUSL)).isEmpty();
    p.accept(artifact(MUSL, "crosskit_std_stub", true, "/w/target/" + MUSL + "/release/deps/crosskit_std_stub-1"));
    assertThat(p.executable(MUSL)).contains(Path.of("/w/target/" + MUSL + "/release/deps/crosskit_std_stub-1"));
    assertThat(p.finishedAfter(MUSL)).isPresent();
    assertThat(p.executable(RISCV)).isEmpty();
    assertThat(p.line()).contains(MUSL + " done after").contains(RISCV + " 0/1 crates (core)");
  }

  @Test
  void withoutAUnitGraphItCountsWhatIsDone() {
    StdBuildProgress p = new StdBuildProgress("", List.of(MUSL));
    p.accept(artifact(MUSL, "core", false, null));
    assertThat(p.line()).contains(MUSL + " 1 crates");
  }
}
