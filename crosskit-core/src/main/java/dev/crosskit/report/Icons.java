package dev.crosskit.report;

import static dev.crosskit.report.Html.el;

import dev.crosskit.report.Html.Element;

/**
 * The report's status icons: one inline SVG sprite of symbols that every icon refers to, so
 * they need no font and no file. Icons are decoration beside a word that says the same
 * (hidden from screen readers).
 */
final class Icons {
  private Icons() {}

  /** The sprite, once at the top of the page. */
  static Element sprite() {
    return el("svg",
        symbol("i-passed", el("path").attr("d", "M3 8.5l3.2 3.2L13 4.8")),
        symbol("i-failed", el("path").attr("d", "M4 4l8 8M12 4l-8 8")),
        symbol("i-skipped", el("path").attr("d", "M3.5 8h9")),
        symbol("i-cached", el("path").attr("d", "M12.9 9.4A5 5 0 1 1 11.5 4.5M12.5 1.8v3.4H9.1")),
        symbol("i-interrupted", el("path").attr("d", "M5.5 3.5v9M10.5 3.5v9")),
        symbol("i-warn", el("path").attr("d", "M8 2.2l6.2 11.3H1.8zM8 6.5v3.2M8 11.6v.2")))
        .attr("xmlns", "http://www.w3.org/2000/svg").attr("class", "sprite").attr("aria-hidden", "true")
        .attr("focusable", "false");
  }

  private static Element symbol(String id, Element path) {
    return el("symbol", path).attr("id", id).attr("viewBox", "0 0 16 16");
  }

  /** An icon from the sprite, sized by the text around it. */
  static Element use(String id) {
    return el("svg", el("use").attr("href", "#" + id)).attr("class", "icon").attr("aria-hidden", "true")
        .attr("focusable", "false").attr("viewBox", "0 0 16 16");
  }
}
