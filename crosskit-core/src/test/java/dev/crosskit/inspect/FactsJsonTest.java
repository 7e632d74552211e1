package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.crosskit.base.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code inspect --json} prints for a file (its facts and findings) is, byte for byte, what
 * databind's mapper prints for it: {@link Json#write} writes these records without the mapper, and
 * {@link FactsJson} (what the command streams) writes them field by field, without reflection.
 */
class FactsJsonTest {
  static Stream<Path> binaries() {
    Path javaHome = Path.of(System.getProperty("java.home"));
    return Stream.of(javaHome.resolve("bin/java"), javaHome.resolve("lib/libjava.so"), javaHome.resolve("lib/server/libjvm.so"),
        Path.of("/usr/bin/true"), Path.of("/usr/bin/ls"), Path.of("/bin/bash")).filter(Files::isRegularFile);
  }

  /** ELF, PE and Mach-O files built just now by cross compilers (the PE and Mach-O facts' records). */
  static Stream<Path> builtFixtures() {
    Fixtures f = Fixtures.get();
    return Stream.of(f.elf, f.pe, f.macho).flatMap(m -> m.values().stream());
  }

  @ParameterizedTest
  @MethodSource("binaries")
  void factsAndFindingsAreWrittenAsDatabindWritesThem(Path file) throws Exception {
    assertWrittenAsDatabindWrites(file);
  }

  @Tag("integration")
  @ParameterizedTest
  @MethodSource("builtFixtures")
  void everyFormatsFactsAreWrittenAsDatabindWritesThem(Path file) throws Exception {
    assertWrittenAsDatabindWrites(file);
  }

  private static void assertWrittenAsDatabindWrites(Path file) throws Exception {
    BinaryFacts facts = Inspector.inspect(file);
    List<Finding> findings = PolicyChecker.check(facts, Policy.none());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("path", file.toString());
    entry.put("facts", facts);
    entry.put("findings", findings);
    assertThat(Json.write(entry)).isEqualTo(Json.mapper().writeValueAsString(entry));
    assertThat(written(g -> FactsJson.write(g, facts))).isEqualTo(Json.mapper().writeValueAsString(facts));
    assertThat(written(g -> FactsJson.write(g, findings))).isEqualTo(Json.mapper().writeValueAsString(findings));
  }

  @Tag("integration")
  @Test
  void factsJsonWritesEveryFixtureAsDatabindWritesIt() throws IOException {
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
      assertThat(written(g -> FactsJson.write(g, facts))).as(file.toString())
          .isEqualTo(Json.mapper().writeValueAsString(facts));
      List<Finding> findings = PolicyChecker.check(facts, strict);
      assertThat(written(g -> FactsJson.write(g, findings))).isEqualTo(Json.mapper().writeValueAsString(findings));
      findings.forEach(f -> severities.add(f.severity()));
    }
    assertThat(severities).contains(Severity.PASS, Severity.FAIL);
    BinaryFacts headersOnly = Inspector.inspect(fx.elf.values().iterator().next(), false);
    assertThat(written(g -> FactsJson.write(g, headersOnly))).isEqualTo(Json.mapper().writeValueAsString(headersOnly));
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
