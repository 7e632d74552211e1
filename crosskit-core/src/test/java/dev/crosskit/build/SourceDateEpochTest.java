package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.UserException;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDateEpochTest {
  @TempDir Path dir;

  @Test
  void environmentWinsThenTheFixedDefault() {
    assertThat(SourceDateEpoch.of(dir, Map.of("SOURCE_DATE_EPOCH", "1234"), new ProcessRunner())).isEqualTo(
        new SourceDateEpoch.Value(1234, "SOURCE_DATE_EPOCH"));
    assertThat(SourceDateEpoch.of(dir, Map.of(), new ProcessRunner()).seconds()).isEqualTo(SourceDateEpoch.FALLBACK);
  }

  @Test
  @Tag("integration") // runs git
  void theLastGitCommitWhenTheEnvironmentHasNone() {
    Map<String, String> env = Map.of("GIT_AUTHOR_DATE", "@1600000000 +0000", "GIT_COMMITTER_DATE", "@1600000000 +0000",
        "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.org", "GIT_COMMITTER_NAME", "t",
        "GIT_COMMITTER_EMAIL", "t@example.org");
    ProcessRunner p = new ProcessRunner();
    assertThat(p.capture(Command.of("git", "init", "-q").withCwd(dir)).ok()).as("git is installed").isTrue();
    assertThat(p.capture(Command.of("git", "commit", "-q", "--allow-empty", "-m", "x").withCwd(dir).withEnv(env)).ok())
        .isTrue();
    assertThat(SourceDateEpoch.of(dir, Map.of(), p)).isEqualTo(new SourceDateEpoch.Value(1600000000, "last git commit"));
  }

  @Test
  void aBadValueIsAUserError() {
    assertThatThrownBy(() -> SourceDateEpoch.of(dir, Map.of("SOURCE_DATE_EPOCH", "yesterday"), new ProcessRunner()))
        .isInstanceOf(UserException.class).hasMessageContaining("non-negative number of seconds");
  }
}
