package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code inspect --json} prints for a file (its facts and findings) is, byte for byte, what
 * databind's mapper prints for it: {@link Json#write} writes these records without the mapper.
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
  }
}
