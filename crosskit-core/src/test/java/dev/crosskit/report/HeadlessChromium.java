package dev.crosskit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.Json;
import dev.crosskit.exec.Background;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's WebSocket client, on
 * the loopback port Chromium picks): it loads a page with the network switched off — DevTools'
 * offline mode, and a proxy that does not exist for anything that would bypass it — and records
 * every request the page makes, its rendered size and a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Background browser;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  /** The first page's result of a load: the URLs it requested and its rendered size in CSS pixels. */
  record Load(List<String> requests, List<String> failures, int width, int height) {}

  HeadlessChromium(Path chromium, Path profile) throws IOException, InterruptedException {
    browser = new ProcessRunner().start(Command.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile,
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
        .withTimeout(Duration.ofMinutes(3)), log, log);
    // Chromium writes the port it listens on, and the browser's path, to DevToolsActivePort
    Path active = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.isRegularFile(active) || Files.readAllLines(active).size() < 2) {
      if (System.nanoTime() > deadline || !browser.alive()) {
        browser.close();
        throw new IOException("chromium did not start its DevTools server: " + log);
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(active).get(0).strip());
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(WAIT).build();
    String page = null;
    try {
      JsonNode targets = Json.mapper().readTree(http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(WAIT).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          page = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (page == null) {
        throw new IOException("chromium has no page to drive: " + targets);
      }
      socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(page), new Listener())
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException | RuntimeException e) {
      browser.close();
      throw new IOException("cannot drive chromium: " + e + "\n" + log, e);
    }
  }

  /** Loads {@code url} offline in a window {@code width} CSS pixels wide; waits for its load event. */
  Load load(String url, int width, int height) throws Exception {
    int before = events.size();
    call("Network.enable", Json.mapper().createObjectNode());
    call("Page.enable", Json.mapper().createObjectNode());
    call("Network.emulateNetworkConditions", Json.mapper().createObjectNode().put("offline", true).put("latency", 0)
        .put("downloadThroughput", -1).put("uploadThroughput", -1));
    call("Emulation.setDeviceMetricsOverride", Json.mapper().createObjectNode().put("width", width)
        .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
    call("Page.navigate", Json.mapper().createObjectNode().put("url", url));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (events.stream().skip(before).noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the page did not finish loading: " + url);
      }
      Thread.sleep(50);
    }
    List<String> requests = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (JsonNode e : events.subList(before, events.size())) {
      switch (e.path("method").asText()) {
        case "Network.requestWillBeSent" -> requests.add(e.path("params").path("request").path("url").asText());
        case "Network.loadingFailed" -> failures.add(e.path("params").path("errorText").asText());
        default -> { }
      }
    }
    JsonNode size = call("Page.getLayoutMetrics", Json.mapper().createObjectNode()).path("cssContentSize");
    return new Load(requests, failures, size.path("width").asInt(), size.path("height").asInt());
  }

  /** A script's result, as JSON (the script returns a JSON string). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Json.mapper().createObjectNode().put("expression", expression)
        .put("returnByValue", true));
    return Json.mapper().readTree(r.path("result").path("value").asText());
  }

  /** A PNG of the page's top {@code height} CSS pixels (beyond the window too). */
  byte[] screenshot(int width, int height) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.putObject("clip").put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
    return Base64.getDecoder().decode(call("Page.captureScreenshot", params).path("data").asText());
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    ObjectNode message = Json.mapper().createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(Json.mapper().writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IOException(method + ": " + r.path("error"));
    }
    return r.path("result");
  }

  @Override
  public void close() {
    socket.abort();
    browser.close();
  }

  /** Collects the socket's text frames into whole messages: replies by id, the rest as events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode m = Json.mapper().readTree(partial.toString());
          CompletableFuture<JsonNode> reply = m.has("id") ? replies.remove(m.path("id").asInt()) : null;
          if (reply != null) {
            reply.complete(m);
          } else {
            events.add(m);
          }
        } catch (IOException e) {
          events.add(Json.mapper().createObjectNode().put("method", "unreadable").put("text", e.getMessage()));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
