package dev.crosskit.shard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The targets of a matrix split over N shards (CI runners), longest first: each target, from the
 * longest down, goes to the shard with the least work so far. A target's length is its time in an
 * earlier report.json, else an estimate for its kind ({@code estimates.json}). Every runner must
 * compute the same plan, so the inputs are only the target list and the timings given: the same
 * inputs give the same plan, ties broken by name and shard number.
 *
 * @param shards the shards in order, the first being shard 1
 */
public record ShardPlan(List<Shard> shards) {
  /** One shard: its 1-based number, its targets and the seconds they are expected to take. */
  public record Shard(int number, List<String> targets, double seconds) {}

  /** A target with the time it is expected to take and where that figure comes from. */
  record Timed(String target, double seconds) {}

  public static ShardPlan of(List<Target> targets, int count, Optional<MatrixReport> earlier) {
    if (count < 1) {
      throw new BadInputException("--shards must be at least 1, got " + count);
    }
    Map<String, Double> known = new HashMap<>();
    earlier.ifPresent(r -> r.targets().stream().filter(t -> t.seconds() > 0)
        .forEach(t -> known.put(t.target(), t.seconds())));
    // timings that do not cover every target would mix measured and estimated figures: use neither half-way
    boolean measured = targets.stream().allMatch(t -> known.containsKey(t.name()));
    JsonNode estimates = estimates();
    List<Timed> timed = new ArrayList<>();
    for (Target t : targets) {
      timed.add(new Timed(t.name(), measured ? known.get(t.name()) : estimate(estimates, t)));
    }
    timed.sort(Comparator.comparingDouble(Timed::seconds).reversed().thenComparing(Timed::target));
    List<List<String>> names = new ArrayList<>();
    double[] load = new double[count];
    for (int i = 0; i < count; i++) {
      names.add(new ArrayList<>());
    }
    for (Timed t : timed) {
      int least = 0;
      for (int i = 1; i < count; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      names.get(least).add(t.target());
      load[least] += t.seconds();
    }
    List<Shard> shards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shards.add(new Shard(i + 1, List.copyOf(names.get(i)), load[i]));
    }
    return new ShardPlan(List.copyOf(shards));
  }

  /** Shard {@code number} (1-based). */
  public Shard shard(int number) {
    return shards.get(number - 1);
  }

  /** The expected time of the whole plan: that of its longest shard. */
  public double seconds() {
    return shards.stream().mapToDouble(Shard::seconds).max().orElse(0);
  }

  static double estimate(JsonNode estimates, Target t) {
    for (String key : List.of(t.os() + "-" + t.libc(), t.os(), "default")) {
      if (estimates.has(key)) {
        return estimates.get(key).asDouble();
      }
    }
    throw new IllegalStateException("estimates.json has no default");
  }

  private static JsonNode estimates() {
    try (InputStream in = ShardPlan.class.getResourceAsStream("estimates.json")) {
      return JsonTreeReader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
