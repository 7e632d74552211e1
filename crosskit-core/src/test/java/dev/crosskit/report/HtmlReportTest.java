package dev.crosskit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.base.Json;
import dev.crosskit.result.JobSlotUse;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Status;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html for a run with passed, failed, skipped, cached and interrupted targets, parsed as
 * a browser parses it (HTML5 tree building, with its parse errors kept).
 */
class HtmlReportTest {
  @TempDir Path out;
  private MatrixReport report;
  private String html;
  private Document page;

  @BeforeEach
  void render() throws IOException {
    report = SampleRun.in(out);
    ReportFiles.write(out, report);
    html = Files.readString(out.resolve(ReportFiles.HTML));
    page = parse(html);
  }

  /** Parses like a browser; a parse error (not well-formed HTML5) fails the test. */
  private static Document parse(String html) {
    Parser parser = Parser.htmlParser().setTrackErrors(100);
    Document d = Jsoup.parse(html, "", parser);
    ParseErrorList errors = parser.getErrors();
    assertThat(errors).as("HTML5 parse errors").isEmpty();
    return d;
  }

  @Test
  void theFilesAreWrittenTogetherAndThePageIsWellFormedHtml5() {
    assertThat(out.resolve(ReportFiles.REPORT)).exists();
    assertThat(out.resolve(ReportFiles.JUNIT)).exists();
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
    assertThat(page.select("meta[charset]").attr("charset")).isEqualTo("utf-8");
    assertThat(page.select("meta[name=viewport]")).hasSize(1);
    assertThat(page.title()).isEqualTo("ckcalc · crosskit test · interrupted: 3 of 6 targets passed");
  }

  @Test
  void everyTargetStepAndFailingTestAppears() {
    for (TargetResult t : report.targets()) {
      Element row = page.selectFirst("#matrix-table tbody tr:has(th a[href=#" + ReportWords.anchor(t.target()) + "])");
      assertThat(row).as(t.target() + " in the matrix").isNotNull();
      assertThat(row.selectFirst("th").text()).startsWith(t.target());
      Element section = page.getElementById(ReportWords.anchor(t.target()));
      assertThat(section).as(t.target() + "'s section").isNotNull();
      assertThat(section.tagName()).isEqualTo("article");
      List<String> steps = section.select("table.steps tbody tr").stream()
          .map(r -> r.selectFirst("th").text() + " " + r.selectFirst("td").text()).toList();
      assertThat(steps).as(t.target() + "'s steps").containsExactlyElementsOf(t.steps().stream()
          .map(s -> s.step().id() + " " + ReportWords.Shown.of(s.status()).word).toList());
      for (StepResult s : t.steps()) {
        assertThat(row.select("td.st").eachText()).as(t.target() + " " + s.step())
            .anyMatch(text -> text.startsWith(ReportWords.Shown.of(s.status()).word));
      }
      List<String> failing = t.tests().stream().filter(TestCase::failed).map(TestCase::name).toList();
      assertThat(section.select("table.tests-table .test-name").eachText()).containsExactlyElementsOf(failing);
    }
    assertThat(page.select("table.tests-table .test-name").eachText()).contains(SampleRun.HOSTILE_TEST,
        "crc32_large_input");
  }

  @Test
  void everyStatusIsSaidInWordsAndIconsNotColourAlone() {
    for (Element cell : page.select("td.st")) {
      assertThat(cell.text()).as(cell.outerHtml()).matches("(passed|failed|skipped|cached|interrupted|verified|not verified)"
          + ".*");
      assertThat(cell.select("svg.icon[aria-hidden=true] use[href^=#i-]")).as(cell.outerHtml()).hasSize(1);
    }
    String matrixText = page.select("#matrix-table").text();
    assertThat(matrixText).contains("interrupted", "cached", "skipped", "failed", "passed");
    assertThat(matrixText).contains("QEMU user-mode emulated", "Wine emulated", "native");
    // the timeline marks failed and interrupted bars with a pattern and an icon besides the colour
    assertThat(page.select("#timeline g.bar.st-failed rect[fill=url(#tl-hatch-failed)]")).isNotEmpty();
    assertThat(page.select("#timeline g.bar.st-failed use[href=#i-failed]")).isNotEmpty();
    assertThat(page.select("#timeline g.bar.st-interrupted rect[fill=url(#tl-hatch-interrupted)]")).isNotEmpty();
  }

  @Test
  void everyLogLinkResolvesToAFileAndEveryLogIsLinked() throws IOException {
    Set<String> linked = page.select("a[href]").stream().map(a -> a.attr("href"))
        .filter(h -> !h.startsWith("#")).collect(Collectors.toSet());
    assertThat(linked).isNotEmpty();
    for (String href : linked) {
      Path file = out.resolve(URLDecoder.decode(href, StandardCharsets.UTF_8)).normalize();
      assertThat(file).as(href).startsWith(out).isRegularFile();
    }
    assertThat(linked).containsAll(SampleRun.logs(report));
    for (Element a : page.select("a[href^=#]")) {
      assertThat(page.getElementById(a.attr("href").substring(1))).as(a.outerHtml()).isNotNull();
    }
  }

  @Test
  void projectStringsAreTextNeverMarkup() {
    assertThat(page.select("script")).hasSize(1);
    assertThat(page.selectFirst("script").data()).doesNotContain("alert");
    assertThat(page.select("img, iframe, object, embed")).isEmpty();
    assertThat(page.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
        .filter(a -> a.getKey().toLowerCase().startsWith("on"))).isEmpty();
    assertThat(page.getAllElements().stream().filter(e -> e.tagName().equals("svg"))
        .filter(e -> e.attributes().hasKey("onload"))).isEmpty();
    assertThat(page.text()).contains(SampleRun.HOSTILE_TEST).contains(SampleRun.HOSTILE_SUMMARY);
    assertThat(page.select("pre code").stream().map(Element::wholeText)).anyMatch(t -> t.contains(SampleRun.HOSTILE_OUTPUT));
  }

  @Test
  void nothingOnThePageIsFetched() {
    assertThat(page.select("[src]")).isEmpty();
    assertThat(page.select("link[href]").eachAttr("href")).containsOnly("data:,");
    for (Element e : page.select("[href]:not(link)")) {
      // a fragment of this page, or a relative path (percent-encoded: no scheme, no host, no root)
      assertThat(e.attr("href")).as(e.outerHtml()).matches("#[A-Za-z0-9_-]+|[A-Za-z0-9._~%-]+(/[A-Za-z0-9._~%-]+)*");
    }
    String css = page.selectFirst("style").data();
    assertThat(css).doesNotContain("@import").doesNotContain("url(").doesNotContain("@font-face");
    assertThat(page.select("[style]")).isEmpty();
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
  }

  @Test
  void thePageHasLandmarksHeadingsAndTableHeaders() {
    assertThat(page.select("h1")).hasSize(1);
    assertThat(page.select("body > header, body > main, body > footer, header nav[aria-label]")).hasSize(4);
    assertThat(page.select("main > section > h2").eachText()).containsExactly("Matrix", "Timeline", "Targets", "Run");
    assertThat(page.select("article > h3")).hasSize(report.targets().size());
    for (Element th : page.select("th")) {
      assertThat(th.attr("scope")).as(th.outerHtml()).isIn("col", "row");
    }
    for (Element table : page.select("table")) {
      assertThat(table.select("> thead th[scope=col]")).as(table.id()).isNotEmpty();
    }
    Element chart = page.selectFirst("#timeline svg[role=img]");
    assertThat(chart).isNotNull();
    for (String id : chart.attr("aria-labelledby").split(" ")) {
      assertThat(chart.getElementById(id)).as(id).isNotNull();
    }
    assertThat(page.select("svg.icon").stream().allMatch(i -> i.attr("aria-hidden").equals("true"))).isTrue();
  }

  @Test
  void theTimelineDrawsEveryStepThatRanAndEveryJobSlot() {
    long ran = report.targets().stream().filter(t -> !t.cached()).flatMap(t -> t.steps().stream())
        .filter(s -> s.status() != Status.SKIPPED).count();
    assertThat(page.select("#timeline svg g.row g.bar")).hasSize((int) ran);
    assertThat(page.select("#timeline svg g.lanes text.label").eachText()).containsExactly("slot 1", "slot 2");
    assertThat(page.select("#timeline svg g.row:has(text:containsOwn(cached: reused))")).hasSize(1);
    // the same times as a table
    assertThat(page.select("#timeline-table tbody tr")).hasSize(report.targets().stream()
        .mapToInt(t -> t.steps().size()).sum());
  }

  @Test
  void theSampleIsARunThatCouldHappen() {
    // each job slot is held by one process at a time, and within the step that ran it
    Map<Integer, List<double[]>> bySlot = new HashMap<>();
    for (TargetResult t : report.targets()) {
      for (StepResult s : t.steps()) {
        for (JobSlotUse u : s.jobSlots() == null ? List.<JobSlotUse>of() : s.jobSlots()) {
          assertThat(u.start()).as(t.target() + " " + s.step()).isBetween(s.start(), s.start() + s.seconds());
          assertThat(u.start() + u.seconds()).as(t.target() + " " + s.step()).isLessThanOrEqualTo(s.start() + s.seconds());
          u.slots().forEach(k -> bySlot.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {u.start(),
              u.start() + u.seconds()}));
        }
      }
    }
    bySlot.forEach((k, uses) -> {
      uses.sort(Comparator.comparingDouble(u -> u[0]));
      for (int i = 1; i < uses.size(); i++) {
        assertThat(uses.get(i)[0]).as("slot " + k).isGreaterThanOrEqualTo(uses.get(i - 1)[1]);
      }
    });
  }

  @Test
  void theRunsFactsAreShown() {
    String run = page.getElementById("run").text();
    assertThat(run).contains("0.1.0-SNAPSHOT", "Debian GNU/Linux 12 (bookworm)", "48.6 s", "1 min 11 s",
        "gcc (Debian 12.2.0-14+deb12u1) 12.2.0", "x86_64-w64-mingw32-gcc (GCC) 12-win32", "2 (processes");
  }

  @Test
  void anOlderReportWithoutTimesOrFactsStillRenders() throws IOException {
    MatrixReport older = Json.mapper().readValue(Files.readString(out.resolve(ReportFiles.REPORT))
        .replaceAll("\"(start|jobSlots|facts|crosskitVersion|host|cpuSeconds|toolchainVersion)\" : ", "\"old_$1\" : "),
        MatrixReport.class);
    assertThat(older.targets().get(0).start()).isNull();
    Document d = parse(HtmlReport.render(older, out));
    assertThat(d.getElementById("timeline").text()).contains("no step times");
    assertThat(d.select("#matrix-table tbody tr")).hasSize(report.targets().size());
    assertThat(d.getElementById("run").text()).contains("crosskit unknown");
  }

  @Test
  void aLogThatIsMissingOrOutsideTheOutputDirectoryIsNotLinked() throws IOException {
    LogLinks links = new LogLinks(out);
    Files.createDirectories(out.resolve("t/logs"));
    Files.writeString(out.resolve("t/logs/odd name #1?.log"), "x");
    assertThat(links.href("t/logs/odd name #1?.log")).contains("t/logs/odd%20name%20%231%3F.log");
    assertThat(links.href("t/logs/missing.log")).isEmpty();
    assertThat(links.href("../outside.log")).isEmpty();
    assertThat(links.href("t/../../outside.log")).isEmpty();
    assertThat(links.href("/etc/passwd")).isEmpty();
    assertThat(links.href("javascript:alert(1)")).isEmpty();
    assertThat(links.href("t\0x")).isEmpty();
    Files.writeString(out.resolve("javascript:alert(1)"), "a file with that name");
    assertThat(links.href("javascript:alert(1)")).contains("javascript%3Aalert%281%29");
  }

  @Test
  void controlCharactersFromTestOutputBecomeReplacementCharacters() {
    StringBuilder sb = new StringBuilder();
    Html.escape("a\u0000b\u001bc\td\u0085e\uD800f\uFFFEg\uD83D\uDE00<&>\"'", true, sb);
    assertThat(sb.toString()).isEqualTo("a\uFFFDb\uFFFDc\td\uFFFDe\uFFFDf\uFFFDg\uD83D\uDE00&lt;&amp;&gt;&quot;&#39;");
    sb.setLength(0);
    Html.escape("\"quoted\" it's", false, sb);
    assertThat(sb.toString()).isEqualTo("\"quoted\" it's");
  }

  @Test
  void rawTextThatWouldEndItsElementIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Html.raw("a { } </STYLE><script>"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Html.el("br").add("text"))
        .isInstanceOf(IllegalStateException.class);
  }
}
