package dev.crosskit.report;

import static dev.crosskit.report.Html.el;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Links from the page to the logs, relative to the output directory the page is written in.
 * A link is made only for a relative path that stays inside the output directory and names a
 * file that is there — report.json may be old, edited or copied without its logs — and each
 * segment is percent-encoded, so a path can never become another kind of URL
 * ({@code javascript:}, {@code //host}).
 */
final class LogLinks {
  private final Path outDir;

  /** @param outDir the output directory, absolute */
  LogLinks(Path outDir) {
    this.outDir = outDir.toAbsolutePath().normalize();
  }

  /** A link to the log, or the path with "not found"; a dash for no log. */
  Object link(String relative) {
    if (relative == null || relative.isBlank()) {
      return "–";
    }
    return href(relative).<Object>map(h -> el("a", fileName(relative)).attr("href", h).attr("title", relative)
        .cls("log")).orElseGet(() -> el("span", relative + " (not found)").cls("muted"));
  }

  /** The href for a path relative to the output directory, when it names a file there. */
  Optional<String> href(String relative) {
    Path rel;
    try {
      rel = Path.of(relative).normalize();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (rel.isAbsolute() || rel.toString().isEmpty() || rel.startsWith("..")) {
      return Optional.empty();
    }
    Path file = outDir.resolve(rel).normalize();
    if (!file.startsWith(outDir) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    StringBuilder href = new StringBuilder();
    for (Path segment : rel) {
      if (!href.isEmpty()) {
        href.append('/');
      }
      href.append(encode(segment.toString()));
    }
    return Optional.of(href.toString());
  }

  private static String fileName(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? relative : relative.substring(slash + 1);
  }

  /** Percent-encodes all but RFC 3986's unreserved characters (so ':' too: no scheme). */
  static String encode(String segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.write(c);
      } else {
        out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
