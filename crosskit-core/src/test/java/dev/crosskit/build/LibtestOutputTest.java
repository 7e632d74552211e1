package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.result.TestCase;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibtestOutputTest {
  @Test
  void libtestLinesBecomeTestCases() {
    String out = """
        running 5 tests
        test checksum::tests::adler32_empty_is_one ... ok
        test checksum::tests::ignored_example ... ignored, shows how ignored tests are reported
        test checksum::tests::panics - should panic ... ok
        test checksum::tests::broken ... FAILED
        test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.14s
        test src/lib.rs - add (line 3) ... ok
        """;
    List<TestCase> tests = TestOutputParser.LIBTEST.parse(out);
    assertThat(tests).extracting(TestCase::name).containsExactly("checksum::tests::adler32_empty_is_one",
        "checksum::tests::ignored_example", "checksum::tests::panics", "checksum::tests::broken", "src/lib.rs - add (line 3)");
    assertThat(tests).extracting(TestCase::status).containsExactly("passed", "skipped", "passed", "failed", "passed");
  }
}
