package dev.crosskit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.crosskit.cli.InspectCommand.FileResult;
import dev.crosskit.inspect.FactsJson;
import dev.crosskit.inspect.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * JSON output of {@code crosskit inspect --json}: {@code {"files": [...], "summary": {...}}},
 * written one file at a time as results arrive rather than built whole first. The document is
 * begun with the first result, so a run that finds no binary writes nothing but its error.
 * The layout is {@link dev.crosskit.base.Json}'s (Jackson's default pretty printer); the facts are
 * written by {@link FactsJson}, without data binding.
 */
final class InspectJson {
  private final PrintWriter out;
  private JsonGenerator gen;
  private int pass;
  private int fail;
  private int errors;

  InspectJson(PrintWriter out) {
    this.out = out;
  }

  void add(FileResult r) {
    try {
      if (gen == null) {
        gen = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .setPrettyPrinter(new DefaultPrettyPrinter());
        gen.writeStartObject();
        gen.writeArrayFieldStart("files");
      }
      entry(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the document with the summary; nothing when no file was added. */
  void finish() {
    if (gen == null) {
      return;
    }
    try {
      gen.writeEndArray();
      gen.writeObjectFieldStart("summary");
      gen.writeNumberField("pass", pass);
      gen.writeNumberField("fail", fail);
      gen.writeNumberField("error", errors);
      gen.writeEndObject();
      gen.writeEndObject();
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  private void entry(FileResult r) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("path", r.path());
    boolean failed = r.findings().stream().anyMatch(f -> f.severity() == Severity.FAIL);
    gen.writeStringField("status", r.error() != null ? "error" : failed ? "fail" : "pass");
    if (r.error() != null) {
      gen.writeStringField("error", r.error());
      errors++;
    } else {
      gen.writeFieldName("facts");
      FactsJson.write(gen, r.facts());
      gen.writeFieldName("findings");
      FactsJson.write(gen, r.findings());
      if (failed) {
        fail++;
      } else {
        pass++;
      }
    }
    gen.writeEndObject();
  }
}
