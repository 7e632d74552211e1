package dev.crosskit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.crosskit.base.Json;
import dev.crosskit.cli.InspectCommand.FileResult;
import dev.crosskit.inspect.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON output of {@code crosskit inspect --json}: {@code {"files": [...], "summary": {...}}},
 * written one file at a time as results arrive rather than built whole first. The document is
 * begun with the first result, so a run that finds no binary writes nothing but its error.
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
        gen = Json.mapper().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.writeStartObject();
        gen.writeFieldName("files");
        gen.writeStartArray();
      }
      Json.mapper().writeValue(gen, entry(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the document with the summary; nothing when no file was added. */
  void finish() {
    if (gen == null) {
      return;
    }
    Map<String, Integer> summary = new LinkedHashMap<>();
    summary.put("pass", pass);
    summary.put("fail", fail);
    summary.put("error", errors);
    try {
      gen.writeEndArray();
      gen.writeFieldName("summary");
      Json.mapper().writeValue(gen, summary);
      gen.writeEndObject();
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  private Map<String, Object> entry(FileResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", r.path());
    boolean failed = r.findings().stream().anyMatch(f -> f.severity() == Severity.FAIL);
    m.put("status", r.error() != null ? "error" : failed ? "fail" : "pass");
    if (r.error() != null) {
      m.put("error", r.error());
      errors++;
    } else {
      m.put("facts", r.facts());
      m.put("findings", r.findings());
      if (failed) {
        fail++;
      } else {
        pass++;
      }
    }
    return m;
  }
}
