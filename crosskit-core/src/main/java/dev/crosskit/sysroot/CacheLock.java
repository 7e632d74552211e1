package dev.crosskit.sysroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one place in the cache, held across threads of this JVM (the pipeline
 * provisions targets in parallel, and aarch64-linux-gnu and aarch64-linux-musl share the
 * arm64 apt directory) and across crosskit processes (a file lock). apt itself runs with
 * Debug::NoLocking, so this lock is what keeps two downloads into one directory apart.
 */
final class CacheLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock fileLock;

  private CacheLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
    this.local = local;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Waits for and takes the lock named by {@code lockFile} (created when missing). */
  static CacheLock acquire(Path lockFile) {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    if (local.getHoldCount() > 1) {
      return new CacheLock(local, null, null); // re-entered by the same thread: the file lock is already held
    }
    try {
      Files.createDirectories(key.getParent());
      FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new CacheLock(local, channel, channel.lock());
    } catch (IOException e) {
      local.unlock();
      throw new UncheckedIOException("cannot lock " + key, e);
    }
  }

  @Override
  public void close() {
    try {
      if (fileLock != null) {
        fileLock.release();
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      local.unlock();
    }
  }
}
