package dev.crosskit.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.UserException;
import dev.crosskit.base.Versions;
import dev.crosskit.target.TargetResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * The one reader of policy keys, wherever they are written: {@code crosskit inspect}'s flags
 * (as a table of the flags given), a policy file ({@link PolicyFile}) and crosskit.toml's
 * {@code [verify]} (without {@code expect}: a build's target is its own). Every key has one
 * kind and one check, so a value accepted in one place is accepted in all:
 * {@code max-isa-level} is {@code 3}, {@code "3"}, {@code "v3"} or {@code "x86-64-v3"}
 * everywhere; a version is {@code "2.31"}-like everywhere.
 */
public final class PolicyReader {
  /** What a key holds. */
  public enum Kind {
    BOOL("true or false"),
    VERSION("a version such as \"2.31\""),
    GLOBS("a list of globs, e.g. [\"libc.so.*\"]"),
    ISA_LEVEL("an x86-64 ISA level: 1 to 4, \"v2\", \"x86-64-v3\" or \"baseline\""),
    RELRO("\"partial\" or \"full\""),
    TARGET("a target name (any spelling)");

    private final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    public String expected() {
      return expected;
    }
  }

  private static final int MAX_VERSION_LENGTH = 40;

  /** The keys, in the order help and errors list them. */
  private static final Map<String, Kind> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("expect", Kind.TARGET);
    KEYS.put("static", Kind.BOOL);
    KEYS.put("max-glibc", Kind.VERSION);
    KEYS.put("max-glibcxx", Kind.VERSION);
    KEYS.put("allow-lib", Kind.GLOBS);
    KEYS.put("max-isa-level", Kind.ISA_LEVEL);
    KEYS.put("require-pie", Kind.BOOL);
    KEYS.put("require-relro", Kind.RELRO);
    KEYS.put("require-nx", Kind.BOOL);
    KEYS.put("no-rpath", Kind.BOOL);
    KEYS.put("no-host-paths", Kind.BOOL);
    KEYS.put("max-macos", Kind.VERSION);
    KEYS.put("macos-sdk", Kind.VERSION);
  }

  /** A key that is not a policy key, or a value that does not fit its key. */
  public static final class PolicyException extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final boolean unknownKey;

    PolicyException(String key, String message, boolean unknownKey) {
      super(message);
      this.key = key;
      this.unknownKey = unknownKey;
    }

    public String key() {
      return key;
    }

    /** True when the key itself is unknown (then the message lists the known keys). */
    public boolean unknownKey() {
      return unknownKey;
    }
  }

  private final Set<String> allowed;

  private PolicyReader(Set<String> allowed) {
    this.allowed = allowed;
  }

  /** For flags and policy files: every key. */
  public static PolicyReader full() {
    return new PolicyReader(KEYS.keySet());
  }

  /** For crosskit.toml's [verify]: every key but {@code expect} (the target is the build's). */
  public static PolicyReader forBuilds() {
    Set<String> keys = new java.util.LinkedHashSet<>(KEYS.keySet());
    keys.remove("expect");
    return new PolicyReader(keys);
  }

  /** The keys this reader takes, in order. */
  public List<String> keys() {
    return List.copyOf(allowed);
  }

  /** What {@code key} holds, or null when it is not a key of this reader. */
  public Kind kind(String key) {
    return allowed.contains(key) ? KEYS.get(key) : null;
  }

  /**
   * Reads a table of policy keys (missing keys: not set).
   *
   * @throws PolicyException naming the first key that is unknown or whose value does not fit
   */
  public PolicySettings read(JsonNode table) {
    PolicySettings s = PolicySettings.NONE;
    if (table == null || table.isMissingNode() || table.isNull()) {
      return s;
    }
    for (Entry<String, JsonNode> e : table.properties()) {
      String key = e.getKey();
      Kind kind = kind(key);
      if (kind == null) {
        throw new PolicyException(key, "unknown policy key '" + key + "'; known keys: " + String.join(", ", allowed),
            true);
      }
      s = s.with(key, value(key, kind, e.getValue()));
    }
    return s;
  }

  private static Object value(String key, Kind kind, JsonNode v) {
    return switch (kind) {
      case BOOL -> {
        if (!v.isBoolean()) {
          throw wrong(key, kind, v);
        }
        yield v.asBoolean();
      }
      case VERSION -> {
        // a version longer than any real one is refused before it is compared
        if (!v.isTextual() || v.asText().length() > MAX_VERSION_LENGTH || !Versions.isVersion(v.asText())) {
          throw wrong(key, kind, v);
        }
        yield v.asText();
      }
      case GLOBS -> {
        List<String> globs = new ArrayList<>();
        if (!v.isArray()) {
          throw wrong(key, kind, v);
        }
        for (JsonNode g : v) {
          if (!g.isTextual() || g.asText().isEmpty()) {
            throw wrong(key, kind, v);
          }
          globs.add(g.asText());
        }
        yield globs;
      }
      case ISA_LEVEL -> {
        Integer level = v.isIntegralNumber() ? Integer.valueOf(v.asInt()) : v.isTextual() ? isaLevel(v.asText()) : null;
        if (level == null || level < 1 || level > 4 || v.isIntegralNumber() && !v.canConvertToInt()) {
          throw wrong(key, kind, v);
        }
        yield level;
      }
      case RELRO -> {
        if (!v.isTextual() || !Set.of("partial", "full").contains(v.asText())) {
          throw wrong(key, kind, v);
        }
        yield v.asText();
      }
      case TARGET -> {
        if (!v.isTextual()) {
          throw wrong(key, kind, v);
        }
        try {
          yield TargetResolver.builtIn().target(v.asText());
        } catch (UserException e) {
          throw new PolicyException(key, e.getMessage(), false);
        }
      }
    };
  }

  /** "3", "v3", "x86-64-v3", "baseline" (1): the level, or null when it is none of these. */
  static Integer isaLevel(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("baseline") || t.equals("x86-64")) {
      return 1;
    }
    t = t.replaceFirst("^x86-64-", "").replaceFirst("^v", "");
    return t.matches("[1-4]") ? Integer.valueOf(t) : null;
  }

  private static PolicyException wrong(String key, Kind kind, JsonNode v) {
    String shown = v.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 57) + "...";
    }
    return new PolicyException(key, "'" + key + "' must be " + kind.expected() + ", got " + shown, false);
  }

  /** @see #isaLevel(String) */
  public static int parseIsaLevel(String s) {
    Integer level = isaLevel(s);
    if (level == null) {
      throw new PolicyException("max-isa-level", "'max-isa-level' must be " + Kind.ISA_LEVEL.expected() + ", got '"
          + s + "'", false);
    }
    return level;
  }
}
