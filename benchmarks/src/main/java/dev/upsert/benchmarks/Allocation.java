package dev.upsert.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Bytes allocated by the calling thread and by the threads that start while it measures (the
 * library's pipeline thread, parallel writers). Java 17 reads a thread's count only while the
 * thread lives, so the others are sampled every 5 ms: the last few milliseconds of a thread that
 * ends are missed.
 */
final class Allocation implements AutoCloseable {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<Long> before = Arrays.stream(threads.getAllThreadIds()).boxed().collect(Collectors.toSet());
    private final Map<Long, Long> started = new ConcurrentHashMap<>();
    private final long callerAtStart = threads.getCurrentThreadAllocatedBytes();
    private final Thread sampler = new Thread(this::sample, "allocation sampler");
    private volatile boolean running = true;
    private long total = -1;

    Allocation() {
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            record();
            LockSupport.parkNanos(5_000_000);
        }
    }

    private void record() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] > 0 && ids[i] != sampler.getId() && !before.contains(ids[i])) {
                started.merge(ids[i], bytes[i], Math::max);
            }
        }
    }

    /** The bytes counted, once closed. */
    long bytes() {
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        if (total >= 0) {
            return;
        }
        long caller = threads.getCurrentThreadAllocatedBytes() - callerAtStart;
        running = false;
        sampler.join();
        record();
        total = caller + started.values().stream().mapToLong(Long::longValue).sum();
    }
}
