package dev.crosskit.emulate;

import dev.crosskit.exec.Background;
import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wine's server for one prefix, kept running for a whole run. Left to itself, the first Wine
 * program of a test starts the server; that server inherits the test's output pipes and lingers
 * after its last client, so a test runner waiting for the pipes to close (ctest) waits seconds
 * per test. Started here in the foreground ({@code -f}), persistent ({@code -p}) and with
 * crosskit's own pipes, it serves every program of the run in milliseconds; {@code wineboot}
 * then starts the prefix's services once, before the first test's clock runs.
 *
 * <p>Other crosskit processes may use the same prefix at once. Each holds a shared lock on
 * {@code <prefix>.users} while its server is up, and only the last one out (the one that gets the
 * lock exclusively) stops the server, with {@code wineserver -k}, which ends the prefix's Wine
 * processes too. Within one JVM the users are counted instead (a JVM cannot lock a file twice).
 */
public record WineServer(Path wine, Path prefix, Map<String, String> env) implements SharedServer {
  private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
  /** The servers this JVM started or joined, by prefix, with their users. */
  private static final Map<Path, Users> USERS = new HashMap<>();

  public WineServer {
    env = Map.copyOf(env);
  }

  private Path serverBinary() {
    return wine.resolveSibling("wineserver");
  }

  @Override
  public String key() {
    return "wine:" + prefix.toAbsolutePath().normalize();
  }

  @Override
  public Running start(ProcessRunner processes) {
    Path p = prefix.toAbsolutePath().normalize();
    synchronized (USERS) {
      Users u = USERS.get(p);
      if (u == null) {
        try {
          u = Users.lock(p);
        } catch (UncheckedIOException e) {
          return () -> {}; // no lock, no server of ours: Wine's programs start one themselves, slowly but correctly
        }
        u.server = launch(processes);
        USERS.put(p, u);
      }
      u.count++;
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (USERS) {
        if (closed[0]) {
          return;
        }
        closed[0] = true;
        Users u = USERS.get(p);
        if (--u.count == 0) {
          USERS.remove(p);
          stop(processes, u);
        }
      }
    };
  }

  /**
   * Starts {@code wineserver -f -p} (it exits at once when a server of the prefix runs already:
   * that one is used) and waits for {@code wineboot} to bring up the prefix's services.
   */
  private Background launch(ProcessRunner processes) {
    if (!Files.isExecutable(serverBinary())) {
      return null; // Wine's programs start a server themselves, slowly but correctly
    }
    Command server = new Command(List.of(serverBinary().toString(), "-f", "-p"), env, null, Duration.ofDays(1));
    Background b;
    try {
      b = processes.start(server, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    } catch (UncheckedIOException e) {
      return null;
    }
    processes.capture(new Command(List.of(wine.toString(), "wineboot"), env, null, Duration.ofMinutes(2)));
    return b;
  }

  /** Stops the server unless another crosskit process still uses the prefix. */
  private void stop(ProcessRunner processes, Users u) {
    try {
      u.lock.release();
      try (FileLock alone = u.channel.tryLock()) {
        if (alone != null && Files.isExecutable(serverBinary())) {
          processes.capture(new Command(List.of(serverBinary().toString(), "-k"), env, null, STOP_LIMIT));
        }
        if (alone != null && u.server != null) {
          u.server.close(); // gone after -k; killed here if it was not
        }
      }
    } catch (IOException e) {
      // the lock file went away: leave the server to whoever uses it
    } finally {
      try {
        u.channel.close();
      } catch (IOException ignored) {
        // closing releases any lock still held
      }
    }
  }

  /** This JVM's users of one prefix's server, and its shared lock on {@code <prefix>.users}. */
  private static final class Users {
    final FileChannel channel;
    final FileLock lock;
    Background server;
    int count;

    private Users(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static Users lock(Path prefix) {
      Path file = prefix.resolveSibling(prefix.getFileName() + ".users");
      try {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        return new Users(ch, ch.lock(0, Long.MAX_VALUE, true));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
