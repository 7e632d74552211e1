package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.result.TestCase;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoTestEventsTest {
  private final GoTestEvents parser = new GoTestEvents();

  @Test
  void testByTestResultsWithTimesAndSubtests() {
    String out = """
        {"Action":"run","Package":"ex.com/m/words","Test":"TestA"}
        {"Action":"output","Package":"ex.com/m/words","Test":"TestA","Output":"=== RUN   TestA\\n"}
        {"Action":"pass","Package":"ex.com/m/words","Test":"TestA","Elapsed":0.25}
        {"Action":"fail","Package":"ex.com/m/words","Test":"TestB/sub","Elapsed":0}
        {"Action":"fail","Package":"ex.com/m/words","Test":"TestB","Elapsed":0.01}
        {"Action":"skip","Package":"ex.com/m/words","Test":"TestC","Elapsed":0}
        {"Action":"fail","Package":"ex.com/m/words","Elapsed":0.3}
        {"Action":"skip","Package":"ex.com/m/cmd","Elapsed":0}
        """;
    List<TestCase> tests = parser.parse(out);
    assertThat(tests).extracting(TestCase::name).containsExactly("ex.com/m/words.TestA", "ex.com/m/words.TestB/sub",
        "ex.com/m/words.TestB", "ex.com/m/words.TestC");
    assertThat(tests).extracting(TestCase::status).containsExactly("passed", "failed", "failed", "skipped");
    assertThat(tests.get(0).seconds()).isEqualTo(0.25);
  }

  @Test
  void aPackageThatFailsWithoutAFailingTestIsOneFailedCase() {
    // what go test prints when a test binary cannot run (here: exec format error under a wrong runner)
    String out = """
        # some go command noise that is not JSON
        {"Action":"output","Package":"ex.com/m/cmath","Output":"fork/exec /tmp/cmath.test: exec format error\\n"}
        {"Action":"output","Package":"ex.com/m/cmath","Output":"FAIL\\tex.com/m/cmath\\t0.001s\\n"}
        {"Action":"fail","Package":"ex.com/m/cmath","Elapsed":0.001}
        {"Action":"pass","Package":"ex.com/m/words","Test":"TestA","Elapsed":0}
        {"Action":"pass","Package":"ex.com/m/words","Elapsed":0.1}
        """;
    List<TestCase> tests = parser.parse(out);
    assertThat(tests).hasSize(2);
    assertThat(tests.get(1).name()).isEqualTo("ex.com/m/cmath");
    assertThat(tests.get(1).failed()).isTrue();
    assertThat(tests.get(1).message()).contains("exec format error");
  }

  @Test
  void garbageAndTruncatedLinesAreIgnored() {
    assertThat(parser.parse("{\"Action\":\"pass\",\"Pack\n{not json}\n{}\n[1,2]\n\n")).isEmpty();
  }
}
