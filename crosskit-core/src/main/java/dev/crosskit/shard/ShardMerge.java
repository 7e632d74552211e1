package dev.crosskit.shard;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Deletion;
import dev.crosskit.report.ReportFiles;
import dev.crosskit.result.Artifact;
import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.TargetResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code crosskit merge}: the output directories of several shard runs (each a
 * {@code target/crosskit} from one CI runner) made into one, as if one run had built the whole
 * matrix: one report.json, junit.xml and report.html, and every target's artifacts and logs, so
 * that {@code crosskit package} and {@code image} work from it.
 *
 * <p>A target found in two shards must have been built with the same toolchain (its fingerprint)
 * and give the same artifacts byte for byte; if so the second build is a free reproducibility
 * check and is reported as one, otherwise the merge is refused: one of the two would silently win.
 */
public final class ShardMerge {
  /** The directories of a target that travel with it: what package and image read, and what the report links to. */
  private static final List<String> TARGET_DIRS = List.of("artifacts", "logs");
  /** A target's name, which becomes a directory of the merge: nothing that could climb out of it. */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  /**
   * The merged report, and the targets built identically in more than one shard.
   *
   * @param reproduced one line per such target: which shards, how many artifacts agreed
   */
  public record Merged(MatrixReport report, List<String> reproduced) {}

  private ShardMerge() {}

  /** Merges {@code shardDirs} into {@code out} (whose per-target directories are replaced). */
  public static Merged merge(List<Path> shardDirs, Path out) throws IOException {
    if (shardDirs.isEmpty()) {
      throw new BadInputException("nothing to merge: give the shard output directories, e.g. crosskit merge shard-1 shard-2");
    }
    Map<String, TargetResult> results = new LinkedHashMap<>();
    Map<String, Path> from = new LinkedHashMap<>();
    List<String> reproduced = new ArrayList<>();
    List<MatrixReport> reports = new ArrayList<>();
    for (Path dir : shardDirs) {
      MatrixReport r = ReportFiles.read(dir, "not a shard's output directory");
      reports.add(r);
      for (TargetResult t : r.targets()) {
        if (!SAFE_NAME.matcher(t.target()).matches()) {
          throw new BadInputException(dir.resolve(ReportFiles.REPORT) + " names a target '" + t.target()
              + "' that is no target name; give the output directory of a crosskit build or test");
        }
        TargetResult before = results.get(t.target());
        if (before == null) {
          results.put(t.target(), t);
          from.put(t.target(), dir);
        } else {
          reproduced.add(sameBuild(before, from.get(t.target()), t, dir));
        }
      }
    }
    Path target = out.toAbsolutePath().normalize();
    Files.createDirectories(target);
    for (Map.Entry<String, Path> e : from.entrySet()) {
      copyTarget(e.getValue(), target, e.getKey());
    }
    MatrixReport merged = combine(reports, List.copyOf(results.values()), target);
    ReportFiles.write(target, merged);
    return new Merged(merged, List.copyOf(reproduced));
  }

  /**
   * The one-line account of a target two shards both built, or the refusal when they differ. The
   * toolchains are compared by their fingerprints (crosskit.lock's facts), or by the compilers'
   * version lines for reports older than fingerprints.
   */
  static String sameBuild(TargetResult a, Path aDir, TargetResult b, Path bDir) {
    boolean locked = a.toolchainFingerprint() != null && b.toolchainFingerprint() != null;
    String fa = locked ? a.toolchainFingerprint() : a.toolchainVersion();
    String fb = locked ? b.toolchainFingerprint() : b.toolchainVersion();
    if (fa != null && fb != null && !fa.equals(fb)) {
      throw new BadInputException("target " + a.target() + " was built with different toolchains in " + aDir + " ("
          + fa + ") and " + bDir + " (" + fb + "); pin them with 'crosskit lock' and build both with --locked");
    }
    Map<String, String> digests = new LinkedHashMap<>();
    a.artifacts().forEach(x -> digests.put(x.path(), x.sha256()));
    int agreed = 0;
    for (Artifact x : b.artifacts()) {
      String other = digests.get(x.path());
      if (other != null && !other.equals(x.sha256())) {
        throw new BadInputException("artifact " + x.path() + " differs between " + aDir + " (sha256 " + other + ") and "
            + bDir + " (sha256 " + x.sha256() + "): the build is not reproducible; merge one of them only");
      }
      agreed += other != null ? 1 : 0;
    }
    return a.target() + ": built in " + aDir + " and " + bDir + ", " + agreed + " of " + b.artifacts().size()
        + " artifacts identical byte for byte (a free reproducibility check)";
  }

  /**
   * One report for the whole matrix: the shards ran side by side, so the run took as long as the
   * longest, started with the first and used the CPU time of all.
   */
  static MatrixReport combine(List<MatrixReport> reports, List<TargetResult> targets, Path out) {
    MatrixReport first = reports.getFirst();
    String command = reports.stream().anyMatch(r -> "test".equals(r.command())) ? "test" : first.command();
    String started = reports.stream().map(MatrixReport::started).filter(Objects::nonNull).sorted().findFirst().orElse(null);
    double seconds = reports.stream().mapToDouble(MatrixReport::seconds).max().orElse(0);
    int jobs = reports.stream().mapToInt(MatrixReport::jobs).max().orElse(1);
    List<String> hosts = reports.stream().map(MatrixReport::host).filter(Objects::nonNull).distinct().toList();
    Double cpu = reports.stream().allMatch(r -> r.cpuSeconds() != null)
        ? reports.stream().mapToDouble(MatrixReport::cpuSeconds).sum() : null;
    return new MatrixReport(MatrixReport.SCHEMA_VERSION, first.project(), command, first.projectDir(), out.toString(),
        started, seconds, jobs, targets, first.crosskitVersion(), hosts.isEmpty() ? null : String.join("; ", hosts), cpu);
  }

  /** Replaces {@code out}'s copy of the target's artifacts and logs by the shard's (links copied as links). */
  private static void copyTarget(Path shard, Path out, String target) throws IOException {
    if (Files.isSameFile(shard, out)) {
      return;
    }
    for (String name : TARGET_DIRS) {
      Path src = shard.resolve(target).resolve(name);
      Path dst = out.resolve(target).resolve(name);
      if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
        Deletion.tree(dst);
      }
      if (!Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path to = dst.resolve(src.relativize(p).toString());
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    }
  }
}
