package dev.crosskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.DebianPackageName;
import dev.crosskit.base.Json;
import dev.crosskit.base.UserException;
import dev.crosskit.build.ArtifactCollector;
import dev.crosskit.build.BuildAdapters;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.exec.Command;
import dev.crosskit.pack.NameTemplate;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated and mutated crosskit.toml files (right and wrong types, unknown keys,
 * unicode, control characters, huge numbers, hostile strings in every value, broken syntax),
 * from a fixed seed. Each is loaded, and when accepted, planned the way a build would use it
 * (every setting read, durations turned into process timeouts, globs compiled, the environment
 * put into a process's, archive names rendered): nothing may escape but bad input. Every 50th
 * also goes through the command line, which must answer with exit 0, 1 or 2 and one line,
 * never a crosskit bug (70) or a hang. No build runs: the fuzzed commands are never executed.
 *
 * <p>{@link ConfigFuzzTest} ({@code mvn test}) runs the first 1,000 of the seed's sequence;
 * {@link ConfigFuzzIntegrationTest} runs 10,000.
 */
final class ConfigFuzz {
  static final long SEED = 19;
  private static final TargetResolver TARGETS = TargetResolver.builtIn();

  private final Path project;
  private final Path empty;

  /** @param project an empty directory for the generated crosskit.toml; {@code empty} another */
  ConfigFuzz(Path project, Path empty) {
    this.project = project;
    this.empty = empty;
  }

  /** Loads and plans the seed's first {@code count} files and asserts the outcome. */
  void run(int count) throws IOException {
    TomlFuzz gen = new TomlFuzz(new Random(SEED), schema());
    ConfigLoader loader = new ConfigLoader();
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    int refused = 0;
    int throughCli = 0;
    long cliNanos = 0;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String toml = gen.next(i);
      byte[] bytes = toml.getBytes(StandardCharsets.UTF_8); // a split surrogate pair becomes '?'
      if (i % 97 == 0 && bytes.length > 0) {
        bytes[bytes.length / 2] = (byte) 0xff; // and now and then the file is not UTF-8 at all
      }
      Files.write(project.resolve("crosskit.toml"), bytes);
      try {
        ProjectConfig config = loader.load(project, Map.of(), JsonNodeFactory.instance.objectNode());
        accepted++;
        plan(config);
      } catch (UserException e) {
        refused++;
        if (!(e instanceof BadInputException) || e.getMessage() == null || e.getMessage().isBlank()) {
          failures.add(i + ": " + e + "\n" + toml);
        }
      } catch (RuntimeException | Error e) {
        failures.add(i + ": " + e + "\n" + toml);
      }
      if (i % 50 == 0) {
        throughCli++;
        long t = System.nanoTime();
        CliRunner r = CliRunner.run("package", "-C", project.toString(), "--out", empty.resolve("out").toString());
        if (r.exitCode() > 2 || r.err().strip().contains("\n") || r.err().contains("crosskit bug")) {
          failures.add(i + ": exit " + r.exitCode() + ": " + r.err() + "\n" + toml);
        }
        cliNanos += System.nanoTime() - t;
      }
    }
    System.out.printf("config fuzz: %d crosskit.toml files (seed %d): %d accepted and planned, %d refused as bad input,"
        + " %d also through the command line (%.1fs of %.1fs); %d failures%n", count, SEED, accepted, refused, throughCli,
        cliNanos / 1e9, (System.nanoTime() - start) / 1e9, failures.size());
    assertThat(failures).as(String.join("\n----\n", failures.subList(0, Math.min(5, failures.size())))).isEmpty();
    assertThat(accepted).as("the generator also makes valid files").isGreaterThan(count / 10);
    assertThat(refused).isGreaterThan(count / 10);
  }

  /** Reads every setting the way a build would; only bad input may be thrown. */
  private void plan(ProjectConfig config) {
    config.name();
    config.version();
    List<Target> targets = new ArrayList<>();
    config.targets().forEach(s -> targets.add(TARGETS.target(s)));
    if (targets.isEmpty()) {
      targets.add(TARGETS.target("x86_64-linux-gnu"));
    }
    config.unusedTargetTables(targets);
    try {
      BuildAdapters.forProject(project, config.buildSystem());
    } catch (BadInputException noMarkerFile) {
      // the generated project has no build files: refusing is right
    }
    for (Target t : targets) {
      TargetSettings s = config.forTarget(t);
      Map<String, String> env = new ProcessBuilder().environment();
      env.putAll(s.env()); // a name with '=' or NUL would throw here, as it did in a build
      for (Duration d : List.of(s.buildTimeout(), s.testTimeout())) {
        assertThat(d).isPositive();
        Command.of("true").withTimeout(d).timeout().toMillis(); // what ProcessRunner waits for
      }
      ArtifactCollector.find(empty, s.artifacts());
      s.packages().forEach(DebianPackageName::check);
      for (var argv : List.of(s.configure(), s.buildCommand(), s.testCommand())) {
        argv.ifPresent(a -> new Command(a, s.env(), project, s.buildTimeout()));
      }
      s.inSource();
      s.cflags();
      s.rustflags();
      s.features();
      s.cgo();
      s.glibc();
      s.canary();
      s.testsEnabled();
      s.verify();
      String template = s.tree().path("package").path("name-template").asText(NameTemplate.DEFAULT);
      try {
        new NameTemplate(template.isEmpty() ? NameTemplate.DEFAULT : template)
            .render(config.name(), config.version().orElse("1.0"), t);
      } catch (IllegalArgumentException refusedByPackage) {
        // crosskit package turns this into bad input (exit 2)
      }
    }
  }

  private static Map<String, Map<String, String>> schema() throws IOException {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/dev/crosskit/config/schema.json")) {
      JsonNode root = Json.mapper().readTree(in);
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      root.properties().forEach(s -> {
        if (!s.getKey().startsWith("_")) {
          Map<String, String> keys = new LinkedHashMap<>();
          s.getValue().properties().forEach(k -> keys.put(k.getKey(), k.getValue().asText()));
          out.put(s.getKey(), keys);
        }
      });
      return out;
    }
  }
}
