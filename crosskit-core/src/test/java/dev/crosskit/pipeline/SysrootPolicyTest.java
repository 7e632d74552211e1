package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.Json;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.Result;
import dev.crosskit.inspect.Policy;
import dev.crosskit.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify policy a target's settings imply: a glibc floor becomes max-glibc, musl must be static. */
@Tag("integration")
class SysrootPolicyTest {
  @TempDir Path dir;

  private static ObjectNode verify() {
    return Json.mapper().createObjectNode();
  }

  @Test
  void glibcFloorFailsAnArtifactNeedingNewerGlibcAndNamesTheSymbol() throws Exception {
    // The host's gcc links against glibc 2.36: every program needs __libc_start_main@GLIBC_2.34.
    Path src = Files.writeString(dir.resolve("main.c"), "int main(void) { return 0; }\n");
    Path exe = dir.resolve("main");
    Result r = new ProcessRunner().capture(Command.of("gcc", "-O1", src.toString(), "-o", exe.toString())
        .withTimeout(Duration.ofSeconds(60)));
    assertThat(r.ok()).as(r.error()).isTrue();

    Policy policy = ArtifactVerifier.policy(TargetResolver.builtIn().target("x86_64-linux-gnu"), verify(), "2.31");
    assertThat(policy.maxGlibc()).isEqualTo("2.31");
    ArtifactVerifier.Verdict v = ArtifactVerifier.verify(exe, policy);
    assertThat(v.passed()).isFalse();
    assertThat(v.findings()).anySatisfy(f -> assertThat(f).startsWith("FAIL").contains("GLIBC_2.34")
        .contains("__libc_start_main"));

    // the same binary passes with no floor, and with a floor it meets
    assertThat(ArtifactVerifier.verify(exe, ArtifactVerifier.policy(
        TargetResolver.builtIn().target("x86_64-linux-gnu"), verify(), null)).passed()).isTrue();
    assertThat(ArtifactVerifier.verify(exe, ArtifactVerifier.policy(
        TargetResolver.builtIn().target("x86_64-linux-gnu"), verify(), "2.36")).passed()).isTrue();
  }

  @Test
  void verifySectionWinsOverTheFloor() {
    ObjectNode v = verify().put("max-glibc", "2.36");
    assertThat(ArtifactVerifier.policy(TargetResolver.builtIn().target("aarch64-linux-gnu"), v, "2.31").maxGlibc())
        .isEqualTo("2.36");
  }

  @Test
  void muslArtifactsMustBeStaticUnlessVerifySaysOtherwise() {
    var musl = TargetResolver.builtIn().target("aarch64-linux-musl");
    assertThat(ArtifactVerifier.policy(musl, verify(), null).requireStatic()).isTrue();
    assertThat(ArtifactVerifier.policy(musl, verify().put("static", false), null).requireStatic()).isFalse();
    assertThat(ArtifactVerifier.policy(TargetResolver.builtIn().target("aarch64-linux-gnu"), verify(), null)
        .requireStatic()).isFalse();
  }
}
