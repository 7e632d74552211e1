package dev.crosskit.ci;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The CI workflow {@code crosskit ci} writes: one job per shard ({@code crosskit test --shard
 * I/N} into an output directory of its own, uploaded), then a release job that downloads them,
 * runs {@code crosskit merge} and {@code crosskit package} and uploads the archives. The CI
 * service does the fan-out; crosskit only plans and merges. The workflows are templates in
 * resources ({@code github.yml}, {@code gitlab-ci.yml}) with {@code {placeholders}}.
 */
public final class CiWorkflow {
  /** A CI service: its template, where the workflow goes in the repository, how a job installs crosskit. */
  public enum Service {
    GITHUB("github.yml", ".github/workflows/crosskit.yml",
        "curl -fsSL \"$CROSSKIT_DEB\" -o /tmp/crosskit.deb && sudo apt-get install -y /tmp/crosskit.deb"),
    GITLAB("gitlab-ci.yml", ".gitlab-ci.yml",
        "apt-get update && apt-get install -y curl && curl -fsSL \"$CROSSKIT_DEB\" -o /tmp/crosskit.deb"
            + " && apt-get install -y /tmp/crosskit.deb");

    private final String template;
    private final String file;
    private final String install;

    Service(String template, String file, String install) {
      this.template = template;
      this.file = file;
      this.install = install;
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The workflow's path in the repository. */
    public String file() {
      return file;
    }
  }

  private CiWorkflow() {}

  /**
   * The workflow's text.
   *
   * @param targets the targets {@code crosskit setup} installs toolchains for (the project's)
   * @param install the shell command that installs crosskit on a runner, instead of the default
   */
  public static String render(Service service, int shards, List<String> targets, Optional<String> install) {
    if (shards < 1 || shards > 256) {
      throw new BadInputException("--shards must be between 1 and 256, got " + shards);
    }
    for (String t : targets) {
      if (!t.matches("[A-Za-z0-9][A-Za-z0-9._/+-]*")) {
        throw new BadInputException("target '" + t + "' cannot be written into a workflow; give a target name");
      }
    }
    String list = IntStream.rangeClosed(1, shards).mapToObj(String::valueOf).collect(Collectors.joining(", "));
    // a JSON string is a valid YAML double-quoted scalar: any command stays one value
    String command = Json.write(install.orElse(service.install));
    return template(service.template).replace("{shards}", String.valueOf(shards)).replace("{shardList}", list)
        .replace("{targets}", String.join(" ", targets)).replace("{install}", command);
  }

  private static String template(String name) {
    try (InputStream in = CiWorkflow.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
