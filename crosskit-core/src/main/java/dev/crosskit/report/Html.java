package dev.crosskit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small HTML tree that escapes when it is written, so no string from a project — a target's
 * summary, a test's name or output, a path — can become markup: text and attribute values are
 * only ever written escaped. The page's own style sheet and script are the one exception
 * ({@link #raw}), constants of crosskit's, checked not to close their element early.
 *
 * <p>Plain Java rather than a template engine: the report needs loops and conditions more than
 * markup, this is the whole of it, and escaping cannot be forgotten in a template file.
 */
final class Html {
  /** Elements that have no end tag (HTML's void elements). */
  private static final Set<String> VOID = Set.of("meta", "link", "br", "hr", "img", "input", "wbr", "col");
  /** Elements after which the written page starts a new line (easier to read; never inside pre). */
  private static final Set<String> BLOCK = Set.of("html", "head", "body", "header", "main", "footer", "nav", "section",
      "article", "div", "p", "h1", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "ul", "ol", "li", "dl", "dd",
      "figure", "figcaption", "details", "style", "script", "title", "meta", "svg", "g", "defs", "symbol", "pre",
      "caption");

  private Html() {}

  /** A node of the tree. */
  sealed interface Node permits Element, Text, Raw {
    void write(StringBuilder out);
  }

  /** Text, escaped when written. */
  record Text(String text) implements Node {
    @Override
    public void write(StringBuilder out) {
      escape(text, false, out);
    }
  }

  /** The page's own CSS or script, written as it is. */
  record Raw(String text) implements Node {
    Raw {
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("</style") || lower.contains("</script") || lower.contains("<!--")) {
        throw new IllegalArgumentException("raw text would end its element early");
      }
    }

    @Override
    public void write(StringBuilder out) {
      out.append(text);
    }
  }

  /** An element: a tag, attributes in order, children. */
  static final class Element implements Node {
    private final String tag;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Node> children = new ArrayList<>();

    private Element(String tag) {
      if (!tag.matches("[a-zA-Z][a-zA-Z0-9]*")) {
        throw new IllegalArgumentException("not a tag name: " + tag);
      }
      this.tag = tag;
    }

    /** Sets an attribute; a null value leaves it out. */
    Element attr(String name, Object value) {
      if (!name.matches("[a-zA-Z][a-zA-Z0-9:-]*")) {
        throw new IllegalArgumentException("not an attribute name: " + name);
      }
      if (value != null) {
        attributes.put(name, value.toString());
      }
      return this;
    }

    /** Sets the class attribute; null or blank leaves it out. */
    Element cls(String classes) {
      return classes == null || classes.isBlank() ? this : attr("class", classes.strip());
    }

    /** Adds children: nodes, or any other object as its text (null is skipped). */
    Element add(Object... nodes) {
      if (VOID.contains(tag) && nodes.length > 0) {
        throw new IllegalStateException("<" + tag + "> has no content");
      }
      for (Object n : nodes) {
        if (n instanceof Node node) {
          children.add(node);
        } else if (n instanceof Iterable<?> many) {
          many.forEach(this::add);
        } else if (n != null) {
          children.add(new Text(n.toString()));
        }
      }
      return this;
    }

    @Override
    public void write(StringBuilder out) {
      out.append('<').append(tag);
      attributes.forEach((name, value) -> {
        out.append(' ').append(name).append("=\"");
        escape(value, true, out);
        out.append('"');
      });
      out.append('>');
      if (VOID.contains(tag)) {
        newline(out);
        return;
      }
      children.forEach(c -> c.write(out));
      out.append("</").append(tag).append('>');
      newline(out);
    }

    private void newline(StringBuilder out) {
      if (BLOCK.contains(tag)) {
        out.append('\n');
      }
    }
  }

  static Element el(String tag, Object... children) {
    return new Element(tag).add(children);
  }

  static Text text(String s) {
    return new Text(s);
  }

  static Raw raw(String s) {
    return new Raw(s);
  }

  /** A whole page: the doctype and the root element. */
  static String page(Element html) {
    StringBuilder out = new StringBuilder(64 * 1024).append("<!DOCTYPE html>\n");
    html.write(out);
    return out.toString();
  }

  /**
   * Escapes {@code &}, {@code <}, {@code >} (and quotes in attributes); characters HTML does not
   * allow in a document (most C0 controls, lone surrogates, non-characters) — which test output
   * sometimes holds — become U+FFFD.
   */
  static void escape(String s, boolean attribute, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\'' -> out.append(attribute ? "&#39;" : "'");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(++i));
            out.appendCodePoint(allowed(cp) ? cp : 0xFFFD);
          } else if (Character.isSurrogate(c) || !allowed(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** Whether HTML allows the code point in a document: no controls but whitespace, no non-characters. */
  private static boolean allowed(int cp) {
    if (cp < 0x20) {
      return cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r';
    }
    if (cp >= 0x7F && cp <= 0x9F) {
      return false;
    }
    return !(cp >= 0xFDD0 && cp <= 0xFDEF) && (cp & 0xFFFE) != 0xFFFE;
  }
}
