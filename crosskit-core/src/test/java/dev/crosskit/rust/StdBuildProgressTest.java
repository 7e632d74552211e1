package dev.crosskit.rust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress of a several-target std build, read from Cargo's unit graph and JSON messages. */
class StdBuildProgressTest {
  private static final String MUSL = "x86_64-unknown-linux-musl";
  private static final String RISCV = "riscv64gc-unknown-linux-gnu";

  private static String artifact(String triple, String crate, String executable) {
    return "{\"reason\":\"compiler-artifact\",\"target\":{\"name\":\"" + crate + "\"},\"filenames\":[\"/w/target/"
        + triple + "/release/deps/lib" + crate + ".rlib\"],\"executable\":" + (executable == null ? "null" : "\"" + executable + "\"") + "}";
  }

  @Test
  void countsUnitsPerTargetAndSeesTheStubLink() {
    String graph = "{\"units\":[{\"platform\":\"" + MUSL + "\",\"mode\":\"build\"},{\"platform\":\"" + MUSL
        + "\",\"mode\":\"test\"},{\"platform\":null,\"mode\":\"build\"},{\"platform\":\"" + MUSL
        + "\",\"mode\":\"run-custom-build\"},{\"platform\":\"" + RISCV + "\",\"mode\":\"build\"}]}";
    Map<String, Integer> counts = StdBuildProgress.unitCounts(graph, List.of(MUSL, RISCV));
    assertThat(counts).containsEntry(MUSL, 2).containsEntry(RISCV, 1);
    StdBuildProgress p = new StdBuildProgress(counts);
    p.acceptStderr("   Compiling core v0.0.0 (/usr/lib/rustlib/src/rust/library/core)");
    p.accept(artifact(MUSL, "core", null));
    p.accept("warning: not json");
    assertThat(p.line()).contains(MUSL + " 1/2 crates", RISCV + " 0/1 crates", "started lately: core");
    p.accept(artifact(MUSL, "crosskit_std_stub", "/w/target/" + MUSL + "/release/deps/crosskit_std_stub-1"));
    assertThat(p.executable(MUSL)).contains(Path.of("/w/target/" + MUSL + "/release/deps/crosskit_std_stub-1"));
    assertThat(p.finishedAfter(MUSL)).isPresent();
    assertThat(p.executable(RISCV)).isEmpty();
    assertThat(p.line()).contains(MUSL + " done after");
  }
}
