package dev.crosskit.report;

import static dev.crosskit.report.Html.el;

import dev.crosskit.report.Html.Element;
import dev.crosskit.report.ReportWords.Shown;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.ArtifactFacts;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * report.html: one self-contained page over a run's report — the matrix (target × step), the
 * timeline ({@link Timeline}), each target's failures, findings, canary and logs, and the run's
 * facts. Inline CSS and SVG, no request leaves the file; it reads the same without JavaScript
 * (a short script only adds sorting and a filter), status is always said in words and icons as
 * well as colour, and every string from the project is escaped ({@link Html}).
 *
 * <p>Log links are relative to the output directory, where the page is written, and only made
 * for files that are there ({@link LogLinks}).
 */
public final class HtmlReport {
  /** Failing tests shown per target; junit.xml has all of them. */
  static final int MAX_FAILED_TESTS = 200;
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");

  private final MatrixReport report;
  private final LogLinks links;

  private HtmlReport(MatrixReport report, Path outDir) {
    this.report = report;
    this.links = new LogLinks(outDir);
  }

  /** The page for a report whose files (logs) are under {@code outDir}. */
  public static String render(MatrixReport report, Path outDir) {
    return new HtmlReport(report, outDir).page();
  }

  private String page() {
    String title = report.project() + " · crosskit " + report.command() + " · " + verdictText();
    Element head = el("head",
        el("meta").attr("charset", "utf-8"),
        el("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1"),
        el("meta").attr("name", "generator").attr("content", "crosskit " + orUnknown(report.crosskitVersion())),
        // a data: icon: the browser asks for no favicon
        el("link").attr("rel", "icon").attr("href", "data:,"),
        el("title", title),
        el("style", Html.raw(CSS)));
    Element body = el("body",
        Icons.sprite(),
        el("a", "Skip to the matrix").attr("class", "skip").attr("href", "#matrix"),
        header(),
        el("main", matrix(), new Timeline(report).section(), targets(), facts()).attr("id", "content"),
        el("footer", el("p", "Written by crosskit " + orUnknown(report.crosskitVersion()) + " from report.json. "
            + "Log links are relative to this file: keep it in its output directory.")),
        el("script", Html.raw(JS)));
    return Html.page(el("html", head, body).attr("lang", "en"));
  }

  // ----- header -----

  private Element header() {
    List<TargetResult> ts = report.targets();
    long failed = ts.stream().filter(t -> Shown.of(t) == Shown.FAILED).count();
    long interrupted = ts.stream().filter(TargetResult::interrupted).count();
    long cached = ts.stream().filter(t -> Shown.of(t) == Shown.CACHED).count();
    long passed = ts.stream().filter(TargetResult::passed).count();
    Shown overall = interrupted > 0 ? Shown.INTERRUPTED : failed > 0 ? Shown.FAILED : Shown.PASSED;
    Element counts = el("ul").cls("counts").attr("aria-label", "Targets by result");
    counts.add(count(Shown.PASSED, passed - cached, "passed"), count(Shown.CACHED, cached, "cached"),
        count(Shown.FAILED, failed, "failed"), count(Shown.INTERRUPTED, interrupted, "interrupted"));
    Element nav = el("nav", el("ul",
        el("li", el("a", "Matrix").attr("href", "#matrix")),
        el("li", el("a", "Timeline").attr("href", "#timeline")),
        el("li", el("a", "Targets").attr("href", "#targets")),
        el("li", el("a", "Run").attr("href", "#run")))).attr("aria-label", "Sections");
    boolean emulated = ts.stream().anyMatch(TargetResult::emulated) && "test".equals(report.command());
    return el("header",
        el("p", "crosskit " + report.command()).cls("kicker"),
        el("h1", report.project()),
        el("p", Icons.use(overall.icon), " ", el("strong", verdictText()), " in "
            + ReportWords.duration(report.seconds()) + " with " + ReportWords.count(report.jobs(), "job", "jobs")
            + (report.started() == null ? "" : ", started " + when(report.started())))
            .cls("verdict " + overall.css()),
        counts,
        emulated ? el("p", "Emulated runs (QEMU, Wine) test the code, not the hardware.").cls("note") : null,
        nav).attr("class", "top");
  }

  private static Element count(Shown s, long n, String word) {
    return el("li", Icons.use(s.icon), " ", el("span", String.valueOf(n)).cls("n"), " " + word)
        .cls("count " + s.css() + (n == 0 ? " zero" : ""));
  }

  private String verdictText() {
    int n = report.targets().size();
    long passed = report.targets().stream().filter(TargetResult::passed).count();
    if (report.interrupted()) {
      return "interrupted: " + passed + " of " + n + " targets passed";
    }
    if (passed == n) {
      return n == 1 ? "the target passed" : "all " + n + " targets passed";
    }
    return (n - passed) + " of " + n + (n == 1 ? " target" : " targets") + " failed";
  }

  // ----- the matrix -----

  /** The steps any target reported, in pipeline order: the matrix's columns. */
  private List<Step> columns() {
    return Arrays.stream(Step.values())
        .filter(s -> report.targets().stream().anyMatch(t -> t.step(s).isPresent())).toList();
  }

  private Element matrix() {
    List<Step> steps = columns();
    Element headRow = el("tr", el("th", "Target").attr("scope", "col"), el("th", "Runner").attr("scope", "col"));
    for (Step s : steps) {
      headRow.add(el("th", s.id()).attr("scope", "col").cls("step"));
    }
    headRow.add(el("th", "Tests").attr("scope", "col"), el("th", "Artifacts").attr("scope", "col"),
        el("th", "Time").attr("scope", "col").cls("num"));
    Element tbody = el("tbody");
    for (TargetResult t : report.targets()) {
      Shown verdict = Shown.of(t);
      Element name = el("th",
          el("a", t.target()).attr("href", "#" + ReportWords.anchor(t.target())),
          el("span", Icons.use(verdict.icon), " " + verdict.word).cls("verdict-tag " + verdict.css()))
          .attr("scope", "row");
      Element row = el("tr", name, el("td", runnerCell(t))).attr("data-verdict", verdict.word);
      for (Step s : steps) {
        row.add(stepCell(t, s));
      }
      row.add(el("td", testCounts(t)).cls("tests"), el("td", artifactCell(t)).cls("artifacts"),
          el("td", ReportWords.duration(t.seconds())).cls("num").attr("data-sort", t.seconds()));
      tbody.add(row);
    }
    Element table = el("table",
        el("caption", "Each target's steps: status and time. Emulated runners are labelled; "
            + "cached steps were reused from an earlier run (their time is that run's)."),
        el("thead", headRow), tbody).attr("id", "matrix-table");
    return el("section",
        el("h2", "Matrix").attr("id", "matrix-h"),
        el("div", table).cls("scroll").attr("role", "region").attr("aria-labelledby", "matrix-h")
            .attr("tabindex", "0"))
        .attr("id", "matrix").attr("aria-labelledby", "matrix-h");
  }

  /** The runner's name, and under it "emulated" (or "cannot run here") as a tag of its own. */
  private static Object runnerCell(TargetResult t) {
    List<Object> cell = new ArrayList<>();
    if (t.runner() == null) {
      cell.add(el("span", ReportWords.runner(null)).cls("runner none"));
    } else {
      cell.add(el("span", ReportWords.runnerName(t.runner())).cls("runner"));
      if (t.emulated()) {
        cell.add(" ");
        cell.add(el("span", "emulated").cls("tag emulated"));
      }
    }
    if (t.cached()) {
      cell.add(" ");
      cell.add(el("span", Icons.use("i-cached"), " cached").cls("st-cached tag"));
    }
    return cell;
  }

  private static Element stepCell(TargetResult t, Step step) {
    Optional<StepResult> r = t.step(step);
    if (r.isEmpty()) {
      return el("td", el("span", "–").attr("aria-hidden", "true"), el("span", "not in this run").cls("sr"))
          .cls("st-none").attr("data-sort", Shown.values().length);
    }
    StepResult s = r.get();
    Shown shown = Shown.of(s.status());
    Element cell = el("td", Icons.use(shown.icon), " ", el("span", shown.word).cls("word"));
    if (s.status() != Status.SKIPPED) {
      cell.add(el("br"), el("span", ReportWords.duration(s.seconds())).cls("dur"));
    }
    return cell.cls("st " + shown.css()).attr("title", s.summary()).attr("data-sort", shown.ordinal());
  }

  private static Object testCounts(TargetResult t) {
    if (t.step(Step.TEST).isEmpty()) {
      return el("span", "–").attr("aria-hidden", "true");
    }
    long failed = t.tests().stream().filter(TestCase::failed).count();
    long skipped = t.tests().stream().filter(c -> TestCase.SKIPPED.equals(c.status())).count();
    long passed = t.tests().size() - failed - skipped;
    if (t.tests().isEmpty()) {
      return t.step(Step.TEST).map(s -> Shown.of(s.status()).word).orElse("–");
    }
    return List.of(el("span", passed + " passed").cls(failed == 0 ? "" : "muted"),
        failed == 0 ? "" : List.of(el("br"), el("strong", Icons.use("i-failed"), " " + failed + " failed")
            .cls("st-failed")),
        skipped == 0 ? "" : List.of(el("br"), el("span", skipped + " skipped").cls("muted")));
  }

  private static Object artifactCell(TargetResult t) {
    if (t.artifacts().isEmpty()) {
      return el("span", "–").attr("aria-hidden", "true");
    }
    Element list = el("ul").cls("plain");
    Map<String, List<Artifact>> byFacts = new LinkedHashMap<>();
    for (Artifact a : t.artifacts()) {
      byFacts.computeIfAbsent(factsLine(a), k -> new ArrayList<>()).add(a);
    }
    byFacts.forEach((line, as) -> {
      ArtifactFacts f = as.get(0).facts();
      Element li = el("li", el("span", line).cls("facts"));
      if (as.size() > 1) {
        li.add(el("span", " ×" + as.size()).cls("muted").attr("title", as.size() + " artifacts"));
      }
      if (f != null && f.hardening() != null) {
        li.add(el("br"), hardening(f.hardening()));
      }
      list.add(li);
    });
    return list;
  }

  /** "aarch64 glibc dynamic · GLIBC 2.34", from verify's facts, else its identity line. */
  private static String factsLine(Artifact a) {
    ArtifactFacts f = a.facts();
    if (f == null) {
      return a.identity() == null ? Path.of(a.path()).getFileName().toString() : a.identity();
    }
    List<String> parts = new ArrayList<>();
    parts.add(f.arch());
    if ("none".equals(f.os())) {
      parts.add("bare-metal");
    } else if (f.libc() != null) {
      parts.add(f.libc());
    }
    if (f.linkage() != null) {
      parts.add(f.linkage());
    }
    String line = String.join(" ", parts.stream().filter(p -> p != null).toList());
    return f.newestGlibc() == null ? line : line + " · GLIBC " + f.newestGlibc();
  }

  /** Hardening as short tags, each saying its state in words: "PIE", "no NX", "RELRO partial", "canary ?". */
  private static Element hardening(Map<String, String> h) {
    Element tags = el("span").cls("hardening").attr("aria-label", "Hardening");
    h.forEach((key, value) -> {
      String name = switch (key) {
        case "pie" -> "PIE";
        case "nx" -> "NX";
        case "relro" -> "RELRO";
        case "canary" -> "canary";
        case "fortify" -> "FORTIFY";
        case "aslr" -> "ASLR";
        case "highEntropyVa" -> "HEVA";
        case "cfg" -> "CFG";
        default -> key;
      };
      boolean good = "yes".equals(value) || "full".equals(value);
      boolean partial = "partial".equals(value) || "unknown".equals(value);
      String text = switch (String.valueOf(value)) {
        case "yes" -> name;
        case "no", "none" -> "no " + name;
        case "unknown" -> name + " ?";
        default -> name + " " + value;
      };
      tags.add(el("span", text).cls("hx " + (good ? "hx-yes" : partial ? "hx-part" : "hx-no"))
          .attr("title", name + ": " + value), " ");
    });
    return tags;
  }

  // ----- per target -----

  private Element targets() {
    Element section = el("section", el("h2", "Targets").attr("id", "targets-h"))
        .attr("id", "targets").attr("aria-labelledby", "targets-h");
    for (TargetResult t : report.targets()) {
      section.add(target(t));
    }
    return section;
  }

  private Element target(TargetResult t) {
    Shown verdict = Shown.of(t);
    String id = ReportWords.anchor(t.target());
    Element article = el("article",
        el("h3", Icons.use(verdict.icon), " ", t.target(), " ", el("span", verdict.word).cls("verdict-tag " + verdict.css()))
            .attr("id", id + "-h"))
        .attr("id", id).attr("aria-labelledby", id + "-h").attr("data-verdict", verdict.word).cls("target");
    Element dl = el("dl").cls("facts-list");
    dl.add(el("dt", "Toolchain"), el("dd", orDash(t.toolchain()),
        t.toolchainVersion() == null ? null : List.of(el("br"), el("span", t.toolchainVersion()).cls("muted"))));
    dl.add(el("dt", "Runner"), el("dd", ReportWords.runner(t.runner())));
    dl.add(el("dt", "Time"), el("dd", ReportWords.duration(t.seconds())
        + (t.cached() ? " (cached: nothing changed since its last passing run; the steps below are that run's)" : "")));
    article.add(dl);
    article.add(stepsTable(t));
    for (StepResult s : t.steps()) {
      if (s.status().unsuccessful() && s.tail() != null && !s.tail().isBlank()) {
        article.add(el("details", el("summary", s.step().id() + " " + Shown.of(s.status()).word
            + ": the log's last lines"), el("pre", el("code", s.tail()))).attr("open", ""));
      }
    }
    failedTests(t, article);
    findings(t, article);
    canary(t, article);
    artifacts(t, article);
    return article;
  }

  private Element stepsTable(TargetResult t) {
    Element tbody = el("tbody");
    for (StepResult s : t.steps()) {
      Shown shown = Shown.of(s.status());
      tbody.add(el("tr",
          el("th", s.step().id()).attr("scope", "row"),
          el("td", Icons.use(shown.icon), " " + shown.word).cls("st " + shown.css()),
          el("td", s.status() == Status.SKIPPED ? "–" : ReportWords.duration(s.seconds())).cls("num"),
          el("td", orDash(s.summary())).cls("summary"),
          el("td", links.link(s.log()))));
    }
    return el("div", el("table",
        el("caption", "Steps of " + t.target()).cls("sr"),
        el("thead", el("tr", el("th", "Step").attr("scope", "col"), el("th", "Status").attr("scope", "col"),
            el("th", "Time").attr("scope", "col").cls("num"), el("th", "Summary").attr("scope", "col"),
            el("th", "Log").attr("scope", "col"))),
        tbody).cls("steps")).cls("scroll");
  }

  private void failedTests(TargetResult t, Element article) {
    List<TestCase> failed = t.tests().stream().filter(TestCase::failed).toList();
    if (failed.isEmpty()) {
      return;
    }
    Element tbody = el("tbody");
    failed.stream().limit(MAX_FAILED_TESTS).forEach(c -> tbody.add(el("tr",
        el("th", c.name()).attr("scope", "row").cls("test-name"),
        el("td", c.message() == null || c.message().isBlank() ? "–" : c.message()),
        el("td", c.seconds() > 0 ? ReportWords.duration(c.seconds()) : "–").cls("num"))));
    Element part = el("div", el("h4", "Failing tests (" + failed.size() + ")"),
        el("div", el("table",
            el("thead", el("tr", el("th", "Test").attr("scope", "col"), el("th", "Message").attr("scope", "col"),
                el("th", "Time").attr("scope", "col").cls("num"))),
            tbody).cls("tests-table")).cls("scroll")).cls("part");
    if (failed.size() > MAX_FAILED_TESTS) {
      part.add(el("p", "… and " + (failed.size() - MAX_FAILED_TESTS) + " more (junit.xml lists every test).")
          .cls("muted"));
    }
    t.step(Step.TEST).ifPresent(s -> {
      if (s.tail() != null && !s.tail().isBlank() && !s.status().unsuccessful()) {
        part.add(el("pre", el("code", s.tail())));
      }
      if (s.log() != null) {
        part.add(el("p", "The tests' whole output: ", links.link(s.log())));
      }
    });
    article.add(part);
  }

  private void findings(TargetResult t, Element article) {
    Element list = el("ul").cls("findings");
    int n = 0;
    for (Artifact a : t.artifacts()) {
      for (String f : a.findings() == null ? List.<String>of() : a.findings()) {
        n++;
        int space = f.indexOf(' ');
        String severity = space > 0 ? f.substring(0, space) : f;
        String rest = space > 0 ? f.substring(space + 1) : "";
        boolean fail = "FAIL".equals(severity);
        list.add(el("li",
            el("span", Icons.use(fail ? "i-failed" : "i-warn"), " " + severity).cls("sev " + (fail ? "sev-fail" : "sev-warn")),
            " ", el("code", Path.of(a.path()).getFileName().toString()), ": ", rest));
      }
    }
    if (n > 0) {
      article.add(el("div", el("h4", "Verify findings (" + n + ")"), list).cls("part"));
    }
  }

  private void canary(TargetResult t, Element article) {
    t.step(Step.CANARY).ifPresent(s -> {
      Shown shown = Shown.of(s.status());
      article.add(el("div", el("h4", "Canary"),
          el("p", el("span", Icons.use(shown.icon), " " + shown.word).cls("st " + shown.css()), " — ",
              orDash(s.summary()), t.emulated() ? " — emulated, not hardware" : "",
              s.log() == null ? "" : List.of(" · ", links.link(s.log())))).cls("part"));
    });
  }

  private void artifacts(TargetResult t, Element article) {
    if (t.artifacts().isEmpty()) {
      return;
    }
    Element tbody = el("tbody");
    for (Artifact a : t.artifacts()) {
      ArtifactFacts f = a.facts();
      tbody.add(el("tr",
          el("th", el("code", Path.of(a.path()).getFileName().toString())).attr("scope", "row"),
          el("td", String.format(Locale.ROOT, "%,d B", a.size())).cls("num"),
          el("td", orDash(a.identity()), f == null || f.newestGlibc() == null ? null
              : " · needs GLIBC " + f.newestGlibc()),
          el("td", f == null || f.hardening() == null ? el("span", "–") : hardening(f.hardening())),
          el("td", a.verified() ? List.of(Icons.use("i-passed"), " verified") : List.of(Icons.use("i-failed"),
              " not verified")).cls(a.verified() ? "st st-passed" : "st st-failed"),
          el("td", el("code", a.sha256() == null ? "–" : a.sha256().substring(0, Math.min(12, a.sha256().length())))
              .attr("title", a.sha256()))));
    }
    article.add(el("div", el("h4", "Artifacts"), el("div", el("table",
        el("thead", el("tr", el("th", "File").attr("scope", "col"), el("th", "Size").attr("scope", "col").cls("num"),
            el("th", "What verify found").attr("scope", "col"), el("th", "Hardening").attr("scope", "col"),
            el("th", "Verify").attr("scope", "col"), el("th", "SHA-256").attr("scope", "col"))),
        tbody)).cls("scroll")).cls("part"));
  }

  // ----- the run -----

  private Element facts() {
    Element dl = el("dl").cls("facts-list");
    dl.add(el("dt", "crosskit"), el("dd", orUnknown(report.crosskitVersion())));
    dl.add(el("dt", "Command"), el("dd", "crosskit " + report.command()));
    dl.add(el("dt", "Project"), el("dd", el("code", orDash(report.projectDir()))));
    dl.add(el("dt", "Output"), el("dd", el("code", orDash(report.outDir()))));
    dl.add(el("dt", "Started"), el("dd", report.started() == null ? "–" : when(report.started())));
    dl.add(el("dt", "Wall time"), el("dd", ReportWords.duration(report.seconds())));
    if (report.cpuSeconds() != null) {
      String busy = report.seconds() > 0 ? String.format(Locale.ROOT, " (%.1f cores busy on average)",
          report.cpuSeconds() / report.seconds()) : "";
      dl.add(el("dt", "CPU time"), el("dd", ReportWords.duration(report.cpuSeconds()) + busy));
    }
    dl.add(el("dt", "Jobs"), el("dd", report.jobs() + " (processes running at once across all targets)"));
    dl.add(el("dt", "Host"), el("dd", orUnknown(report.host())));
    Element toolchains = el("ul").cls("plain");
    Map<String, List<String>> byToolchain = new LinkedHashMap<>();
    for (TargetResult t : report.targets()) {
      if (t.toolchain() != null) {
        String key = t.toolchain() + (t.toolchainVersion() == null ? "" : " — " + t.toolchainVersion());
        byToolchain.computeIfAbsent(key, k -> new ArrayList<>()).add(t.target());
      }
    }
    byToolchain.forEach((tc, targets) -> toolchains.add(el("li", el("code", tc), el("span", " (" + String.join(", ",
        targets) + ")").cls("muted"))));
    dl.add(el("dt", "Toolchains"), el("dd", byToolchain.isEmpty() ? "–" : toolchains));
    return el("section", el("h2", "Run").attr("id", "run-h"), dl).attr("id", "run").attr("aria-labelledby", "run-h");
  }

  /** "2026-11-21 23:40:00 UTC" from report.json's ISO instant. */
  private static String when(String iso) {
    return iso.replace('T', ' ').replace("Z", " UTC");
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "–" : s;
  }

  private static String orUnknown(String s) {
    return s == null || s.isBlank() ? "unknown" : s;
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
