package dev.crosskit.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy TOML file into raw settings with the same keys as the command-line flags, e.g.
 * <pre>
 * expect = "aarch64-linux-gnu"
 * static = false
 * max-glibc = "2.31"
 * allow-lib = ["libc.so.6", "libm.so.6"]
 * require-relro = "full"
 * </pre>
 * Unknown keys and wrong value types are errors (exit 2), so a typo never silently disables a check.
 */
public final class PolicyFile {
  public static final Set<String> KEYS = Set.of("expect", "static", "max-glibc", "max-glibcxx", "allow-lib",
      "max-isa-level", "require-pie", "require-relro", "require-nx", "no-rpath", "no-host-paths", "max-macos", "macos-sdk");

  private PolicyFile() {}

  /** Key to value: Boolean, String, Integer or List&lt;String&gt;, validated per key. */
  public static Map<String, Object> read(Path file) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new BadInputException(file + ": not a readable TOML policy: " + msg);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (!KEYS.contains(key)) {
        throw new BadInputException(file + ": unknown policy key '" + key + "'; known keys: "
            + String.join(", ", KEYS.stream().sorted().toList()));
      }
      out.put(key, switch (key) {
        case "static", "require-pie", "require-nx", "no-rpath", "no-host-paths" -> {
          if (!v.isBoolean()) {
            throw wrongType(file, key, "true or false");
          }
          yield v.asBoolean();
        }
        case "allow-lib" -> {
          if (!v.isArray()) {
            throw wrongType(file, key, "an array of globs");
          }
          List<String> l = new ArrayList<>();
          v.forEach(x -> l.add(x.asText()));
          yield l;
        }
        case "max-isa-level" -> {
          if (v.isInt()) {
            yield v.asInt();
          }
          yield v.asText();
        }
        default -> {
          if (!v.isTextual()) {
            throw wrongType(file, key, "a string");
          }
          yield v.asText();
        }
      });
    }
    return out;
  }

  private static UserException wrongType(Path file, String key, String want) {
    return new BadInputException(file + ": policy key '" + key + "' must be " + want);
  }

  /** Parses "3", "v3" or "x86-64-v3" into an ISA level 1..4. */
  public static int isaLevel(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("baseline") || t.equals("x86-64")) {
      return 1;
    }
    t = t.replace("x86-64-", "").replace("v", "");
    try {
      int n = Integer.parseInt(t);
      if (n >= 1 && n <= 4) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw new BadInputException("max ISA level '" + s + "' is not one of 1..4, v2, x86-64-v3, baseline");
  }
}
