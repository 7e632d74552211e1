package dev.crosskit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.HostTools;
import dev.crosskit.result.MatrixReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: Debian's headless Chromium loads the sample run's page from
 * file:// with the network off, and the page is measured and photographed. What a browser
 * alone can tell: that nothing is fetched, that the matrix and the timeline are drawn with a
 * real size, that a phone-wide window needs no sideways scrolling of the page itself.
 */
@Tag("integration")
class HtmlReportBrowserIntegrationTest {
  private static final int WIDTH = 1280;
  private static final int NARROW = 375;

  @TempDir Path out;
  @TempDir Path profile;

  @Test
  void chromiumRendersThePageOfflineFetchingNothing() throws Exception {
    MatrixReport report = SampleRun.in(out);
    Path page = ReportFiles.writeHtml(out, report);
    String url = page.toUri().toString();
    Path chromium = HostTools.system().which("chromium")
        .orElseThrow(() -> new AssertionError("chromium is not installed (bin/test-packages.txt lists it)"));

    try (HeadlessChromium browser = new HeadlessChromium(chromium, profile)) {
      HeadlessChromium.Load load = browser.load(url, WIDTH, 900);
      assertThat(load.requests()).as("requests").containsOnly(url);
      assertThat(load.failures()).as("failed loads").isEmpty();
      // the window's width less a scroll bar: nothing sticks out to the right
      assertThat(load.width()).as(load.toString()).isBetween(WIDTH - 20, WIDTH);
      assertThat(load.height()).as("the page's height").isBetween(1500, 20000);

      JsonNode boxes = browser.evaluate("JSON.stringify(['matrix-table', 'timeline'].map(function (id) {"
          + " var r = document.getElementById(id).querySelector('tbody, svg.tl') ? document.getElementById(id)"
          + ".getBoundingClientRect() : null; return r && [r.top, r.width, r.height]; }).concat([[document"
          + ".querySelectorAll('#matrix-table tbody tr').length, document.querySelectorAll('#timeline svg.tl g.bar')"
          + ".length, document.querySelectorAll('#matrix-table thead button').length]]))");
      JsonNode matrix = boxes.get(0);
      JsonNode timeline = boxes.get(1);
      assertThat(matrix.get(1).asDouble()).as("matrix width").isGreaterThan(600);
      assertThat(matrix.get(2).asDouble()).as("matrix height").isGreaterThan(report.targets().size() * 30.0);
      assertThat(timeline.get(1).asDouble()).as("timeline width").isGreaterThan(600);
      assertThat(timeline.get(2).asDouble()).as("timeline height").isGreaterThan(report.targets().size() * 28.0);
      assertThat(boxes.get(2).get(0).asInt()).isEqualTo(report.targets().size());
      assertThat(boxes.get(2).get(1).asInt()).as("bars drawn").isGreaterThan(10);
      assertThat(boxes.get(2).get(2).asInt()).as("the script made the headers sort buttons").isGreaterThan(3);

      // the screenshot reaches down to the end of the timeline chart: both are in it
      int bottom = (int) Math.ceil(timeline.get(0).asDouble() + timeline.get(2).asDouble());
      byte[] png = browser.screenshot(WIDTH, Math.min(bottom, load.height()));
      Files.write(out.resolve("report.png"), png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(WIDTH);
      assertThat(image.getHeight()).isGreaterThan((int) timeline.get(0).asDouble());
      assertThat(colours(image)).as("distinct colours in the screenshot (status and step colours)").isGreaterThan(12);

      HeadlessChromium.Load narrow = browser.load(url, NARROW, 800);
      assertThat(narrow.requests()).containsOnly(url);
      assertThat(browser.evaluate("JSON.stringify(document.documentElement.scrollWidth)").asInt())
          .as("a phone-wide window scrolls the wide tables in their own regions, not the page")
          .isLessThanOrEqualTo(NARROW);
    }
  }

  private static int colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y) & 0xF0F0F0);
      }
    }
    return seen.size();
  }
}
