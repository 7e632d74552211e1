package dev.crosskit.cli;

import static dev.crosskit.cli.MatrixIntegrationTest.example;
import static dev.crosskit.cli.MatrixIntegrationTest.status;
import static dev.crosskit.cli.MatrixIntegrationTest.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.base.HostTools;
import dev.crosskit.build.SourceTree;
import dev.crosskit.emulate.Binfmt;
import dev.crosskit.exec.Background;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.host.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared compile cache for real: Debian's redis-server started on a free localhost port, two
 * checkouts of the c-cmake example built by two "machines" (crosskit homes, so local ccache
 * stores, of their own) with {@code [cache] remote} pointing at it. The first fills the Redis
 * store; the second finds its local cache empty and takes at least 90 % of its compilations from
 * Redis, counted as {@code remoteHits} in report.json, with identical artifacts.
 */
@Tag("integration")
class RemoteCompileCacheIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "aarch64-linux-gnu";
  @TempDir Path dir;

  private JsonNode build(String machine, int port) throws IOException {
    Path project = dir.resolve(machine + "-checkout");
    new SourceTree(example("c-cmake")).copyTo(project);
    Files.writeString(project.resolve("crosskit.toml"), "\n[cache]\nremote = \"redis://127.0.0.1:" + port + "\"\n",
        StandardOpenOption.APPEND);
    Host host = new Host(dir.resolve(machine + "-home"), Path.of(System.getProperty("user.home")), new ProcessRunner(),
        HostTools.system(), Binfmt.system(), line -> { });
    CliRunner r = CliRunner.run(host, "build", "-C", project.toString(), "--target", TARGET, "--jobs", "2", "-q");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode t = target(JSON.readTree(project.resolve("target/crosskit/report.json").toFile()), TARGET);
    assertThat(status(t, "verify")).isEqualTo("PASSED");
    return t;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitListening(int port, Background server) throws InterruptedException {
    for (int i = 0; i < 100 && server.alive(); i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("redis-server did not listen on port " + port);
  }

  @Test
  void aSecondMachineTakesItsObjectsFromTheSharedRedisCache() throws Exception {
    ExternalTools.require("redis-server", "redis-server");
    int port = freePort();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Command redis = Command.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()).withTimeout(Duration.ofMinutes(30));
    try (Background server = new ProcessRunner().start(redis, log, log)) {
      awaitListening(port, server);
      JsonNode first = build("first", port);
      long compiled = first.path("compileCache").path("misses").asLong();
      assertThat(compiled).isPositive();
      assertThat(first.path("compileCache").path("remoteHits").asLong(-1)).isZero();

      JsonNode second = build("second", port);
      JsonNode counts = second.path("compileCache");
      long total = counts.path("hits").asLong() + counts.path("misses").asLong();
      assertThat(total).isEqualTo(compiled);
      assertThat(counts.path("remoteHits").asLong()).as(counts.toString()).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * total));
      assertThat(second.path("artifacts").get(0).path("sha256").asText())
          .isEqualTo(first.path("artifacts").get(0).path("sha256").asText());
      assertThat(server.alive()).as(log.toString()).isTrue();
    }
  }
}
