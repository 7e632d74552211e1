package dev.crosskit.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.crosskit.inspect.ElfFacts.ArmInfo;
import dev.crosskit.inspect.ElfFacts.GnuProperty;
import dev.crosskit.inspect.ElfFacts.Hardening;
import dev.crosskit.inspect.ElfFacts.RiscvInfo;
import dev.crosskit.inspect.MachOFacts.Slice;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@link BinaryFacts} and {@link Finding}s to a JSON generator field by field, exactly as
 * Jackson's data binding writes the records (same keys, same order, nulls left out where the record
 * says {@code NON_NULL}): {@code crosskit inspect --json} over hundreds of files spends most of
 * its output time, and much of its start-up, in data binding's introspection and reflection.
 * FactsJsonTest holds the two to the same bytes on every kind of binary, so a new record field
 * that is not added here fails a test.
 */
public final class FactsJson {
  private FactsJson() {}

  public static void write(JsonGenerator g, BinaryFacts f) throws IOException {
    g.writeStartObject();
    opt(g, "path", f.path());
    g.writeNumberField("sizeBytes", f.sizeBytes());
    opt(g, "format", f.format());
    opt(g, "arch", f.arch());
    opt(g, "variant", f.variant());
    g.writeNumberField("bits", f.bits());
    opt(g, "endian", f.endian());
    opt(g, "os", f.os());
    opt(g, "libc", f.libc());
    opt(g, "floatAbi", f.floatAbi());
    opt(g, "linkage", f.linkage());
    opt(g, "target", f.target());
    if (f.elf() != null) {
      g.writeFieldName("elf");
      elf(g, f.elf());
    }
    if (f.pe() != null) {
      g.writeFieldName("pe");
      pe(g, f.pe());
    }
    if (f.macho() != null) {
      g.writeFieldName("macho");
      macho(g, f.macho());
    }
    optStrings(g, "problems", f.problems());
    g.writeEndObject();
  }

  public static void write(JsonGenerator g, List<Finding> findings) throws IOException {
    g.writeStartArray();
    for (Finding x : findings) {
      g.writeStartObject();
      str(g, "severity", x.severity() == null ? null : x.severity().name());
      str(g, "check", x.check());
      str(g, "message", x.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void elf(JsonGenerator g, ElfFacts e) throws IOException {
    g.writeStartObject();
    g.writeNumberField("elfClass", e.elfClass());
    opt(g, "endian", e.endian());
    g.writeNumberField("osAbi", e.osAbi());
    opt(g, "type", e.type());
    g.writeNumberField("machine", e.machine());
    opt(g, "machineName", e.machineName());
    opt(g, "flags", e.flags());
    opt(g, "entry", e.entry());
    opt(g, "interpreter", e.interpreter());
    opt(g, "soname", e.soname());
    optStrings(g, "needed", e.needed());
    optStrings(g, "rpath", e.rpath());
    optStrings(g, "runpath", e.runpath());
    objects(g, "versionNeeds", e.versionNeeds(), n -> {
      str(g, "library", n.library());
      strings(g, "versions", n.versions());
    });
    objects(g, "newestVersions", e.newestVersions(), n -> {
      str(g, "family", n.family());
      str(g, "version", n.version());
      str(g, "library", n.library());
      strings(g, "symbols", n.symbols());
    });
    optStrings(g, "privateSymbols", e.privateSymbols());
    if (e.gnuProperty() != null) {
      gnuProperty(g, e.gnuProperty());
    }
    if (e.arm() != null) {
      arm(g, e.arm());
    }
    if (e.riscv() != null) {
      RiscvInfo r = e.riscv();
      g.writeObjectFieldStart("riscv");
      opt(g, "floatAbi", r.floatAbi());
      g.writeBooleanField("rvc", r.rvc());
      g.writeBooleanField("rve", r.rve());
      opt(g, "isa", r.isa());
      g.writeEndObject();
    }
    opt(g, "buildId", e.buildId());
    opt(g, "abiTagOs", e.abiTagOs());
    opt(g, "minKernel", e.minKernel());
    if (e.hardening() != null) {
      hardening(g, e.hardening());
    }
    g.writeBooleanField("stripped", e.stripped());
    g.writeBooleanField("debugInfo", e.debugInfo());
    optStrings(g, "comment", e.comment());
    optStrings(g, "codegenFlags", e.codegenFlags());
    objects(g, "hostPaths", e.hostPaths(), h -> {
      str(g, "where", h.where());
      str(g, "path", h.path());
    });
    g.writeBooleanField("stringsScanned", e.stringsScanned());
    g.writeNumberField("programHeaders", e.programHeaders());
    g.writeNumberField("sections", e.sections());
    g.writeBooleanField("dynamicSection", e.dynamicSection());
    objects(g, "loads", e.loads(), s -> {
      str(g, "vaddr", s.vaddr());
      str(g, "paddr", s.paddr());
      g.writeNumberField("fileSize", s.fileSize());
      g.writeNumberField("memSize", s.memSize());
      str(g, "flags", s.flags());
    });
    g.writeEndObject();
  }

  private static void gnuProperty(JsonGenerator g, GnuProperty p) throws IOException {
    g.writeObjectFieldStart("gnuProperty");
    optNumber(g, "x86IsaLevel", p.x86IsaLevel());
    optStrings(g, "x86IsaNeeded", p.x86IsaNeeded());
    optBoolean(g, "ibt", p.ibt());
    optBoolean(g, "shstk", p.shstk());
    optBoolean(g, "bti", p.bti());
    optBoolean(g, "pac", p.pac());
    g.writeEndObject();
  }

  private static void arm(JsonGenerator g, ArmInfo a) throws IOException {
    g.writeObjectFieldStart("arm");
    optNumber(g, "eabiVersion", a.eabiVersion());
    opt(g, "floatAbi", a.floatAbi());
    opt(g, "cpuArch", a.cpuArch());
    optNumber(g, "cpuArchCode", a.cpuArchCode());
    opt(g, "profile", a.profile());
    optNumber(g, "fpArch", a.fpArch());
    optNumber(g, "vfpArgs", a.vfpArgs());
    if (a.vectorTable() != null) {
      g.writeObjectFieldStart("vectorTable");
      str(g, "address", a.vectorTable().address());
      str(g, "initialSp", a.vectorTable().initialSp());
      str(g, "reset", a.vectorTable().reset());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void hardening(JsonGenerator g, Hardening h) throws IOException {
    g.writeObjectFieldStart("hardening");
    g.writeBooleanField("pie", h.pie());
    opt(g, "relro", h.relro());
    g.writeBooleanField("nx", h.nx());
    optBoolean(g, "canary", h.canary());
    g.writeBooleanField("fortify", h.fortify());
    optStrings(g, "fortifiedFunctions", h.fortifiedFunctions());
    g.writeBooleanField("textrel", h.textrel());
    g.writeBooleanField("rwxSegments", h.rwxSegments());
    g.writeBooleanField("bindNow", h.bindNow());
    g.writeEndObject();
  }

  private static void pe(JsonGenerator g, PeFacts p) throws IOException {
    g.writeStartObject();
    g.writeNumberField("machine", p.machine());
    str(g, "machineName", p.machineName());
    str(g, "magic", p.magic());
    str(g, "kind", p.kind());
    str(g, "subsystem", p.subsystem());
    str(g, "subsystemVersion", p.subsystemVersion());
    str(g, "osVersion", p.osVersion());
    str(g, "dllCharacteristics", p.dllCharacteristics());
    g.writeBooleanField("aslr", p.aslr());
    g.writeBooleanField("highEntropyVa", p.highEntropyVa());
    g.writeBooleanField("nx", p.nx());
    g.writeBooleanField("cfg", p.cfg());
    strings(g, "imports", p.imports());
    strings(g, "delayImports", p.delayImports());
    g.writeEndObject();
  }

  private static void macho(JsonGenerator g, MachOFacts m) throws IOException {
    g.writeStartObject();
    g.writeBooleanField("fat", m.fat());
    if (m.slices() == null) {
      g.writeNullField("slices");
    } else {
      g.writeArrayFieldStart("slices");
      for (Slice s : m.slices()) {
        g.writeStartObject();
        opt(g, "arch", s.arch());
        g.writeNumberField("cpuType", s.cpuType());
        g.writeNumberField("cpuSubtype", s.cpuSubtype());
        opt(g, "fileType", s.fileType());
        g.writeBooleanField("pie", s.pie());
        opt(g, "platform", s.platform());
        opt(g, "minOs", s.minOs());
        opt(g, "sdk", s.sdk());
        opt(g, "versionCommand", s.versionCommand());
        opt(g, "uuid", s.uuid());
        g.writeBooleanField("codeSignature", s.codeSignature());
        opt(g, "signatureProblem", s.signatureProblem());
        opt(g, "installName", s.installName());
        optStrings(g, "dylibs", s.dylibs());
        optStrings(g, "rpaths", s.rpaths());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** Writes one item's fields. */
  private interface Fields<T> {
    void write(T item) throws IOException;
  }

  /** An array of objects in a NON_NULL record: left out when null. */
  private static <T> void objects(JsonGenerator g, String name, List<T> items, Fields<T> fields) throws IOException {
    if (items == null) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (T item : items) {
      g.writeStartObject();
      fields.write(item);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** A field of a NON_NULL record: left out when null. */
  private static void opt(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void optNumber(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value.intValue());
    }
  }

  private static void optBoolean(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  private static void optStrings(JsonGenerator g, String name, List<String> values) throws IOException {
    if (values != null) {
      strings(g, name, values);
    }
  }

  /** A field of a record without NON_NULL: null written as null. */
  private static void str(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    if (values == null) {
      g.writeNullField(name);
      return;
    }
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
