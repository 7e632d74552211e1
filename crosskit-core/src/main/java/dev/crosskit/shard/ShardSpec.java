package dev.crosskit.shard;

import dev.crosskit.base.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --shard I/N}: shard I (1-based) of N. */
public record ShardSpec(int number, int count) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

  public ShardSpec {
    if (count < 1 || number < 1 || number > count) {
      throw new BadInputException("--shard " + number + "/" + count + " does not exist: give I/N with 1 <= I <= N, e.g. --shard 1/3");
    }
  }

  public static ShardSpec parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new BadInputException("--shard '" + text + "' is not I/N: give the shard's number and the number of shards, e.g. --shard 1/3");
    }
    return new ShardSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return number + "/" + count;
  }
}
