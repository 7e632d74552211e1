package dev.crosskit.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.JsonTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bare-metal boards of {@code boards.json}, and the choice of one for a target. */
public final class Boards {
  private static final String RESOURCE = "/dev/crosskit/target/boards.json";
  private static volatile Boards builtIn;

  private final Map<String, Board> byName;

  private Boards(Map<String, Board> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  public static Boards builtIn() {
    Boards b = builtIn;
    if (b == null) {
      synchronized (Boards.class) {
        b = builtIn;
        if (b == null) {
          try (InputStream in = Boards.class.getResourceAsStream(RESOURCE)) {
            b = builtIn = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the board catalog " + RESOURCE, e);
          }
        }
      }
    }
    return b;
  }

  static Boards read(InputStream in) throws IOException {
    JsonNode root = JsonTreeReader.read(in);
    Map<String, Board> boards = new LinkedHashMap<>();
    for (var it = root.path("boards").fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode b = e.getValue();
      List<String> arches = new ArrayList<>();
      b.path("arches").forEach(a -> arches.add(a.asText()));
      List<String> options = new ArrayList<>();
      b.path("qemu").path("options").forEach(o -> options.add(o.asText()));
      String cpu = b.path("qemu").path("cpu").asText(null);
      boards.put(e.getKey(), new Board(e.getKey(), b.path("description").asText(), arches,
          b.path("qemu").path("machine").asText(), cpu, options, region(b.path("flash"), e.getKey() + " flash"),
          region(b.path("ram"), e.getKey() + " ram")));
    }
    return new Boards(boards);
  }

  private static MemoryRegion region(JsonNode n, String what) {
    return new MemoryRegion(MemoryRegion.parseNumber(n.path("origin").asText(), what + " origin"),
        MemoryRegion.parseNumber(n.path("size").asText(), what + " size"));
  }

  public Collection<Board> all() {
    return byName.values();
  }

  public Optional<Board> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The boards whose CPU runs the target's code, default first. */
  public List<Board> fitting(Target target) {
    List<Board> out = new ArrayList<>();
    defaultFor(target).ifPresent(out::add);
    byName.values().stream().filter(b -> b.fits(target) && !out.contains(b)).forEach(out::add);
    return out;
  }

  /** The target's default board (its catalog field {@code board}); empty for targets with an OS. */
  public Optional<Board> defaultFor(Target target) {
    return target.field("board").map(n -> byName(n).orElseThrow(() ->
        new IllegalStateException("targets.json: " + target.name() + " names unknown board " + n)));
  }

  /**
   * The board a build for {@code target} uses: {@code name} (or the target's default when null),
   * with {@code flash}/{@code ram} replacing its own ranges when given.
   *
   * @throws BadInputException for a board that does not exist, does not fit the target, or a
   *     target that has no boards (one with an operating system)
   */
  public Board choose(Target target, String name, MemoryRegion flash, MemoryRegion ram) {
    if (!target.isBareMetal()) {
      throw new BadInputException("a board applies to bare-metal targets only; " + target.name() + " runs on "
          + target.os());
    }
    Board board;
    if (name == null || name.isBlank()) {
      board = defaultFor(target).orElseThrow(() -> new IllegalStateException(target.name() + " has no default board"));
    } else {
      board = byName(name.trim()).orElseThrow(() -> new BadInputException("unknown board '" + name.trim()
          + "'; boards for " + target.name() + ": " + names(fitting(target))));
      if (!board.fits(target)) {
        throw new BadInputException("board " + board.name() + " (" + board.description() + ") cannot run "
            + target.name() + " code; boards for " + target.name() + ": " + names(fitting(target)));
      }
    }
    return board.withMemory(flash, ram);
  }

  private static String names(List<Board> boards) {
    return String.join(", ", boards.stream().map(Board::name).toList());
  }
}
