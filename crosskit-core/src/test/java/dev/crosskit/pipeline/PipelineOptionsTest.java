package dev.crosskit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineOptionsTest {
  @Test
  void theDefaultPoolHasTwoTokensMoreThanTheCores() {
    assertThat(PipelineOptions.defaultJobs(1)).isEqualTo(3);
    assertThat(PipelineOptions.defaultJobs(2)).isEqualTo(4);
    assertThat(PipelineOptions.defaultJobs(16)).isEqualTo(18);
  }

  @Test
  void aHostThatReportsNoCoresStillGetsAPool() {
    assertThat(PipelineOptions.defaultJobs(0)).isEqualTo(3);
  }

  @Test
  void theHostsDefaultFollowsItsCores() {
    assertThat(PipelineOptions.defaultJobs()).isEqualTo(Runtime.getRuntime().availableProcessors() + 2);
  }
}
