package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliPiecesTest {
  @Test
  void writerSinkKeepsACharacterSplitAcrossWrites() {
    StringWriter text = new StringWriter();
    WriterSink sink = new WriterSink(new PrintWriter(text));
    byte[] bytes = "größe €\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      sink.write(new byte[] {b}, 0, 1); // one byte at a time: every multi-byte character is split
    }
    sink.flush();
    assertThat(text.toString()).isEqualTo("größe €\n");
  }

  @Test
  void shellQuotingSurvivesQuotesAndSpaces() {
    assertThat(EnvCommand.shQuote("-DX='a b'")).isEqualTo("'-DX='\\''a b'\\'''");
    assertThat(EnvCommand.fishQuote("it's \\ here")).isEqualTo("'it\\'s \\\\ here'");
  }
}
