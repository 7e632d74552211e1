package dev.crosskit.report;

import static dev.crosskit.report.Html.el;

import dev.crosskit.report.Html.Element;
import dev.crosskit.report.ReportWords.Shown;
import dev.crosskit.result.JobSlotUse;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report's timeline, an inline SVG Gantt chart: one row per target with its steps on the
 * run's time axis, then one lane per job slot showing which target's step held it. A step is
 * drawn pale for its whole time and solid where its processes held job slots, so waiting
 * (for a slot, or crosskit's own work such as verify) shows beside running. Status is a
 * pattern and an icon as well as a colour; the same data follows as a table.
 */
final class Timeline {
  private static final int WIDTH = 960;
  private static final int LABEL = 210;
  private static final int RIGHT = 16;
  private static final int AXIS = 30;
  private static final int ROW = 28;
  private static final int BAR = 18;
  private static final int LANE = 20;
  private static final int LANES_GAP = 30;
  private static final int MAX_IDLE_LANES = 32;
  private static final double CHAR = 6.4; // width of a character at the chart's 11 px, roughly
  /** Step colours (Okabe–Ito, told apart with colour-blindness too); the legend names them. */
  private static final Map<Step, String> COLOURS = new EnumMap<>(Map.of(
      Step.PROVISION, "#8c8c8c", Step.BUILD, "#0072b2", Step.COLLECT, "#56b4e9", Step.VERIFY, "#cc79a7",
      Step.REPRODUCIBLE, "#f0e442", Step.CANARY, "#e69f00", Step.TEST, "#009e73"));
  private static final double[] TICKS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
      10800, 21600};

  private final MatrixReport report;
  private final double total;
  private final int lanes;

  Timeline(MatrixReport report) {
    this.report = report;
    double end = report.seconds();
    int maxSlot = 0;
    for (TargetResult t : report.targets()) {
      for (StepResult s : t.steps()) {
        if (s.start() != null) {
          end = Math.max(end, s.start() + s.seconds());
        }
        for (JobSlotUse u : uses(s)) {
          end = Math.max(end, u.start() + u.seconds());
          maxSlot = Math.max(maxSlot, u.slots().stream().mapToInt(Integer::intValue).max().orElse(0));
        }
      }
    }
    this.total = end > 0 ? end : 1;
    // every slot of the run gets a lane (an idle one says something too), unless there are very many
    this.lanes = maxSlot == 0 ? 0 : report.jobs() <= MAX_IDLE_LANES ? Math.max(report.jobs(), maxSlot) : maxSlot;
  }

  Element section() {
    Element section = el("section", el("h2", "Timeline").attr("id", "timeline-h"))
        .attr("id", "timeline").attr("aria-labelledby", "timeline-h");
    boolean placed = report.targets().stream().anyMatch(t -> t.start() != null);
    if (!placed) {
      return section.add(el("p", "This report has no step times (an older crosskit wrote it): run the build or"
          + " test again for a timeline.").cls("note"));
    }
    section.add(el("p", "Every step of every target on one time axis. A step is pale while it waits for a job slot"
        + " or crosskit works on its own (provision, verify), solid while its processes run; below, the "
        + ReportWords.count(lanes, "job slot", "job slots") + " of this run (--jobs " + report.jobs()
        + ") and what held each.").cls("lead"));
    section.add(el("figure",
        el("div", chart()).cls("scroll timeline").attr("role", "region").attr("aria-label", "Timeline chart")
            .attr("tabindex", "0"),
        el("figcaption", legend())));
    section.add(table());
    return section;
  }

  // ----- the chart -----

  private double x(double seconds) {
    return LABEL + seconds / total * (WIDTH - LABEL - RIGHT);
  }

  private Element chart() {
    int rows = report.targets().size();
    int lanesTop = AXIS + rows * ROW + LANES_GAP;
    int height = lanes == 0 ? AXIS + rows * ROW + 10 : lanesTop + lanes * LANE + 10;
    Element svg = el("svg",
        el("title", "Timeline of the run").attr("id", "tl-title"),
        el("desc", "Each target's steps on one time axis of " + ReportWords.duration(total) + "; below, which step held"
            + " each job slot. The table after the chart holds the same times.").attr("id", "tl-desc"),
        defs())
        .attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", "0 0 " + WIDTH + " " + height)
        .attr("width", WIDTH).attr("height", height).attr("role", "img").attr("aria-labelledby", "tl-title tl-desc")
        .cls("tl");
    svg.add(axis(height));
    for (int i = 0; i < rows; i++) {
      svg.add(row(report.targets().get(i), AXIS + i * ROW));
    }
    if (lanes > 0) {
      svg.add(slotLanes(lanesTop));
    }
    return svg;
  }

  private static Element defs() {
    return el("defs", hatch(Shown.FAILED), hatch(Shown.INTERRUPTED));
  }

  /** Diagonal stripes over a bar that did not pass: a second signal beside its colour. */
  private static Element hatch(Shown status) {
    return el("pattern", el("rect").attr("width", 2.5).attr("height", 6).attr("class", "hatch-" + status.word))
        .attr("id", "tl-hatch-" + status.word).attr("width", 6).attr("height", 6)
        .attr("patternUnits", "userSpaceOnUse").attr("patternTransform", "rotate(45)");
  }

  private Element axis(int height) {
    double step = TICKS[TICKS.length - 1];
    for (double t : TICKS) {
      if (total / t <= 8) {
        step = t;
        break;
      }
    }
    Element g = el("g").cls("axis");
    for (double t = 0; t <= total + 1e-9; t += step) {
      String at = fmt(x(t));
      g.add(el("line").attr("x1", at).attr("x2", at).attr("y1", AXIS - 6).attr("y2", height - 6).cls("grid"));
      g.add(el("text", ReportWords.tick(t)).attr("x", at).attr("y", AXIS - 12).attr("text-anchor", "middle"));
    }
    return g;
  }

  private Element row(TargetResult t, int y) {
    Shown verdict = Shown.of(t);
    Element g = el("g", el("title", t.target() + ": " + verdict.word)).cls("row " + verdict.css());
    g.add(el("use").attr("href", "#" + verdict.icon).attr("x", 4).attr("y", y + 6).attr("width", 14).attr("height", 14)
        .cls("ic " + verdict.css()));
    g.add(el("text", cut(t.target(), 28)).attr("x", 22).attr("y", y + 18).cls("label"));
    g.add(el("line").attr("x1", LABEL).attr("x2", WIDTH - RIGHT).attr("y1", y + ROW - 0.5).attr("y2", y + ROW - 0.5)
        .cls("rule"));
    if (t.cached() && t.start() != null) {
      double cx = x(t.start());
      g.add(el("rect").attr("x", fmt(cx)).attr("y", y + 5).attr("width", 4).attr("height", BAR).cls("cached-mark"));
      g.add(el("text", "cached: reused its last passing run").attr("x", fmt(cx + 10)).attr("y", y + 18)
          .cls("note-text"));
      return g;
    }
    for (StepResult s : t.steps()) {
      if (s.start() != null && s.status() != Status.SKIPPED) {
        g.add(bar(t, s, y + (ROW - BAR) / 2.0));
      }
    }
    if (t.start() == null) {
      g.add(el("text", "no times recorded").attr("x", LABEL + 6).attr("y", y + 18).cls("note-text"));
    }
    return g;
  }

  private Element bar(TargetResult t, StepResult s, double y) {
    Shown shown = Shown.of(s.status());
    String colour = COLOURS.get(s.step());
    double x0 = x(s.start());
    double w = Math.max(2, x(s.start() + s.seconds()) - x0);
    Element g = el("g", el("title", t.target() + " · " + s.step().id() + " · " + shown.word + " · "
        + ReportWords.duration(s.seconds()) + " from " + ReportWords.tick(s.start()) + slotsText(s)))
        .cls("bar " + shown.css());
    g.add(rect(x0, y, w, BAR).attr("fill", colour).attr("fill-opacity", "0.3"));
    for (JobSlotUse u : uses(s)) {
      double ux = x(u.start());
      g.add(rect(ux, y, Math.max(1.5, x(u.start() + u.seconds()) - ux), BAR).attr("fill", colour));
    }
    if (s.status().unsuccessful()) {
      g.add(rect(x0, y, w, BAR).attr("fill", "url(#tl-hatch-" + shown.word + ")").cls("outline " + shown.css()));
      double ix = x0 + w + 2 + 14 > WIDTH ? x0 + w - 16 : x0 + w + 2;
      g.add(el("use").attr("href", "#" + shown.icon).attr("x", fmt(ix)).attr("y", fmt(y + 2)).attr("width", 14)
          .attr("height", 14).cls("ic " + shown.css()));
    }
    String label = s.step().id();
    if (w >= label.length() * CHAR + 8) {
      g.add(el("text", label).attr("x", fmt(x0 + 4)).attr("y", fmt(y + 13)).cls("bar-label"));
    }
    return g;
  }

  private Element slotLanes(int top) {
    Element g = el("g", el("text", "job slots").attr("x", 4).attr("y", top - 10).cls("lanes-title")).cls("lanes");
    for (int k = 1; k <= lanes; k++) {
      int y = top + (k - 1) * LANE;
      g.add(el("text", "slot " + k).attr("x", 22).attr("y", y + 14).cls("label"));
      g.add(rect(LABEL, y + 2, WIDTH - RIGHT - LABEL, LANE - 4).cls("lane-bg"));
    }
    for (TargetResult t : report.targets()) {
      for (StepResult s : t.steps()) {
        for (JobSlotUse u : uses(s)) {
          for (int k : u.slots()) {
            if (k < 1 || k > lanes) {
              continue;
            }
            int y = top + (k - 1) * LANE;
            double ux = x(u.start());
            double w = Math.max(1.5, x(u.start() + u.seconds()) - ux);
            Element use = el("g", el("title", "slot " + k + ": " + t.target() + " · " + s.step().id() + " · "
                + ReportWords.duration(u.seconds()) + " from " + ReportWords.tick(u.start())),
                rect(ux, y + 2, w, LANE - 4).attr("fill", COLOURS.get(s.step())).cls("slot-use"));
            if (w >= t.target().length() * CHAR + 8) {
              use.add(el("text", t.target()).attr("x", fmt(ux + 4)).attr("y", y + 14).cls("bar-label"));
            }
            g.add(use);
          }
        }
      }
    }
    return g;
  }

  private static Element rect(double x, double y, double w, double h) {
    return el("rect").attr("x", fmt(x)).attr("y", fmt(y)).attr("width", fmt(w)).attr("height", fmt(h));
  }

  // ----- legend and table -----

  private Element legend() {
    Element ul = el("ul").cls("legend");
    for (Step s : Step.values()) {
      boolean drawn = report.targets().stream().flatMap(t -> t.steps().stream())
          .anyMatch(r -> r.step() == s && r.start() != null && r.status() != Status.SKIPPED);
      if (drawn) {
        ul.add(el("li", swatch(COLOURS.get(s), false), " " + s.id()));
      }
    }
    ul.add(el("li", swatch("#0072b2", true), " pale: waiting or crosskit's own work; solid: processes running"));
    ul.add(el("li", Icons.use("i-failed"), " hatched with a red outline: failed").cls("st-failed"));
    ul.add(el("li", Icons.use("i-interrupted"), " hatched with a dashed outline: interrupted").cls("st-interrupted"));
    return ul;
  }

  private static Element swatch(String colour, boolean paleAndSolid) {
    Element svg = el("svg").attr("class", "swatch").attr("viewBox", "0 0 24 12").attr("width", 24).attr("height", 12)
        .attr("aria-hidden", "true").attr("focusable", "false");
    if (paleAndSolid) {
      svg.add(rect(0, 0, 24, 12).attr("fill", colour).attr("fill-opacity", "0.3"),
          rect(10, 0, 14, 12).attr("fill", colour));
    } else {
      svg.add(rect(0, 0, 24, 12).attr("fill", colour));
    }
    return svg;
  }

  private Element table() {
    Element tbody = el("tbody");
    for (TargetResult t : report.targets()) {
      for (StepResult s : t.steps()) {
        Shown shown = Shown.of(s.status());
        tbody.add(el("tr",
            el("th", t.target()).attr("scope", "row"),
            el("td", s.step().id()),
            el("td", Icons.use(shown.icon), " " + shown.word).cls("st " + shown.css()),
            el("td", s.start() == null ? "–" : String.format(Locale.ROOT, "%.2f s", s.start())).cls("num"),
            el("td", ReportWords.duration(s.seconds())).cls("num"),
            el("td", uses(s).isEmpty() ? "–" : slotList(s))));
      }
    }
    return el("details",
        el("summary", "The timeline as a table"),
        el("div", el("table",
            el("thead", el("tr", el("th", "Target").attr("scope", "col"), el("th", "Step").attr("scope", "col"),
                el("th", "Status").attr("scope", "col"), el("th", "Start").attr("scope", "col").cls("num"),
                el("th", "Duration").attr("scope", "col").cls("num"), el("th", "Job slots").attr("scope", "col"))),
            tbody)).cls("scroll")).attr("id", "timeline-table");
  }

  private static List<JobSlotUse> uses(StepResult s) {
    return s.jobSlots() == null ? List.of() : s.jobSlots();
  }

  /** " · job slots 1, 2 for 11.9 s" for a bar's tooltip. */
  private static String slotsText(StepResult s) {
    List<JobSlotUse> uses = uses(s);
    if (uses.isEmpty()) {
      return " · no process held a job slot";
    }
    double held = uses.stream().mapToDouble(JobSlotUse::seconds).sum();
    return " · job " + (slotNumbers(s).contains(",") ? "slots " : "slot ") + slotNumbers(s) + " for "
        + ReportWords.duration(held);
  }

  private static String slotNumbers(StepResult s) {
    return uses(s).stream().flatMap(u -> u.slots().stream()).distinct().sorted().map(String::valueOf)
        .collect(Collectors.joining(", "));
  }

  private static String slotList(StepResult s) {
    List<String> parts = new ArrayList<>();
    for (JobSlotUse u : uses(s)) {
      parts.add(u.slots().stream().map(String::valueOf).collect(Collectors.joining("+")) + " ("
          + ReportWords.duration(u.seconds()) + " from " + String.format(Locale.ROOT, "%.2f s", u.start()) + ")");
    }
    return String.join(", ", parts);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
