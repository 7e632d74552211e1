package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.crosskit.base.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hand-written JSON of the facts is byte for byte what Jackson's data binding writes for the
 * records, on every fixture (ELF of each arch and kind, PE, thin and fat Mach-O) and with every
 * policy finding: a record field added without a line in FactsJson fails here.
 */
@Tag("integration")
class FactsJsonTest {
  @Test
  void sameBytesAsDataBindingOnEveryFixture() throws IOException {
    Fixtures fx = Fixtures.get();
    List<Path> files = new ArrayList<>();
    for (Map<String, Path> m : List.of(fx.elf, fx.pe, fx.macho)) {
      files.addAll(m.values());
    }
    assertThat(files).hasSizeGreaterThan(20);
    // Checks that pass, warn and fail on the fixtures, so findings of every severity are written.
    Policy strict = new PolicySettings(null, true, "2.31", "3.4.20", List.of("libc.so.6"), 2, true, "full", true,
        true, true, "11.0", "14").toPolicy();
    List<Severity> severities = new ArrayList<>();
    for (Path file : files) {
      BinaryFacts facts = Inspector.inspect(file);
      assertThat(written(g -> FactsJson.write(g, facts))).as(file.toString()).isEqualTo(Json.write(facts));
      List<Finding> findings = PolicyChecker.check(facts, strict);
      assertThat(written(g -> FactsJson.write(g, findings))).isEqualTo(Json.write(findings));
      findings.forEach(f -> severities.add(f.severity()));
    }
    assertThat(severities).contains(Severity.PASS, Severity.FAIL);
    BinaryFacts headersOnly = Inspector.inspect(fx.elf.values().iterator().next(), false);
    assertThat(written(g -> FactsJson.write(g, headersOnly))).isEqualTo(Json.write(headersOnly));
  }

  interface Writing {
    void to(JsonGenerator g) throws IOException;
  }

  private static String written(Writing w) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter())) {
      w.to(g);
    }
    return out.toString();
  }
}
