package io.github.geminiimage.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts of what this JVM (or a child) holds: threads and open file descriptors. */
final class ProcessStats {

    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private ProcessStats() {
    }

    /** Live threads of this JVM. */
    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Live threads whose name starts with one of {@code prefixes}. */
    static int threadsNamed(String... prefixes) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String prefix : prefixes) {
                if (t.getName().startsWith(prefix)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** Open file descriptors (entries of {@code /proc/self/fd}, the listing's own included), or -1 where there is no /proc. */
    static int openFileDescriptors() {
        return count(FD_DIR);
    }

    /** Open file descriptors of the process {@code pid} (of the same user), or -1 where there is no /proc. */
    static int openFileDescriptors(long pid) {
        return count(Path.of("/proc", Long.toString(pid), "fd"));
    }

    private static int count(Path dir) {
        try (Stream<Path> fds = Files.list(dir)) {
            return (int) fds.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
