package dev.crosskit.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.toolchain.ToolchainData.Family;
import dev.crosskit.toolchain.ToolchainData.LanguageSpec;
import dev.crosskit.toolchain.ToolchainData.Root;
import dev.crosskit.toolchain.ToolchainData.RunnerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code toolchains.json} read into {@link ToolchainData}'s records from a JSON tree (no data
 * binding: {@code targets} and {@code doctor} read it at start-up). A key the records do not
 * know is an error, so a misspelt key in the data cannot silently mean "absent".
 */
final class ToolchainsJson {
  private ToolchainsJson() {}

  static Root read(InputStream in) throws IOException {
    JsonNode root = JsonTreeReader.read(in);
    known(root, "the file", Root.class, "_comment");
    List<Family> families = new ArrayList<>();
    for (JsonNode f : root.path("families")) {
      families.add(family(f));
    }
    return new Root(strings(root.get("_comment")), text(root, "host"), strings(root.get("commonTargets")), families,
        map(root.get("runners"), ToolchainsJson::runner), map(root.get("buildTools"), ToolchainsJson::runner),
        root.hasNonNull("debugger") ? runner(root.get("debugger")) : null,
        map(root.get("languages"), ToolchainsJson::language));
  }

  private static Family family(JsonNode f) {
    known(f, "family " + f.path("name").asText(), Family.class);
    return new Family(text(f, "name"), map(f.get("match"), JsonNode::asText), text(f, "kind"),
        text(f, "unsupported"), f.path("exclusive").asBoolean(), text(f, "cc"), text(f, "cxx"), text(f, "ar"),
        text(f, "ranlib"), text(f, "strip"), text(f, "sysroot"), text(f, "sysrootNote"), text(f, "sysrootFix"),
        text(f, "cxxNote"), strings(f.get("cflags")), strings(f.get("ldflags")), strings(f.get("rustflags")),
        map(f.get("packages"), ToolchainsJson::strings), text(f, "runner"), text(f, "noRunner"));
  }

  private static RunnerSpec runner(JsonNode r) {
    known(r, "a runner", RunnerSpec.class);
    return new RunnerSpec(strings(r.get("binaries")), strings(r.get("packages")), strings(r.get("binfmtPackages")),
        strings(r.get("runtimeDlls")), strings(r.get("runtimeDllDirs")), map(r.get("cpu"), JsonNode::asText));
  }

  private static LanguageSpec language(JsonNode l) {
    known(l, "a language", LanguageSpec.class);
    return new LanguageSpec(strings(l.get("binaries")), strings(l.get("packages")), strings(l.get("stdDirs")),
        strings(l.get("hostStdPackages")), text(l, "buildStdDir"), strings(l.get("buildStdPackages")));
  }

  /** Fails on a key that is none of the record's components (nor one of {@code extra}). */
  private static void known(JsonNode object, String where, Class<? extends Record> type, String... extra) {
    Set<String> names = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    names.addAll(List.of(extra));
    object.fieldNames().forEachRemaining(k -> {
      if (!names.contains(k)) {
        throw new IllegalStateException("toolchains.json: unknown key '" + k + "' in " + where);
      }
    });
  }

  private static String text(JsonNode object, String key) {
    JsonNode n = object.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || array.isNull()) {
      return null; // the records' constructors make an absent list empty
    }
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static <V> Map<String, V> map(JsonNode object, Function<JsonNode, V> value) {
    if (object == null || object.isNull()) {
      return null;
    }
    Map<String, V> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), value.apply(e.getValue())));
    return map;
  }
}
