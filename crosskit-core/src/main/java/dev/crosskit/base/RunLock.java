package dev.crosskit.base;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory held by one crosskit run at a time: a lock on a file in it (released by the
 * kernel when the holder dies, however it dies), which holds the holder's pid and what it runs
 * so that a second run can say whom it waits for. The file stays; only the lock comes and goes.
 */
public final class RunLock implements AutoCloseable {
  private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock {@code file} (created with its directory when missing) for {@code what}, or
   * refuses at once when another run holds it.
   *
   * @param what the holder as the other run should see it, e.g. "crosskit build"
   * @param busy says what to do when it is held: given "pid 1234, crosskit build", the message
   * @throws BadInputException when another run (in this process or another) holds it
   */
  public static RunLock acquire(Path file, String what, java.util.function.Function<String, String> busy) {
    Path key = file.toAbsolutePath().normalize();
    String holder = "pid " + ProcessHandle.current().pid() + ", " + what;
    if (HELD_HERE.putIfAbsent(key, holder) != null) {
      throw new BadInputException(busy.apply(HELD_HERE.getOrDefault(key, holder)));
    }
    FileChannel ch = null;
    try {
      Files.createDirectories(key.getParent());
      ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        String other = new String(Files.readAllBytes(key), StandardCharsets.UTF_8).strip();
        throw new BadInputException(busy.apply(other.isEmpty() ? "another process" : other));
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new RunLock(key, ch, lock);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(key);
      close(ch);
      if (e instanceof BadInputException b) {
        throw b;
      }
      throw new FailedException("cannot lock " + key + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it anyway
    }
    close(channel);
    HELD_HERE.remove(file);
  }

  private static void close(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing was written through it that matters
      }
    }
  }
}
