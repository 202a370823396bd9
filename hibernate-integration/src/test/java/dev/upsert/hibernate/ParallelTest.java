package dev.upsert.hibernate;

import dev.upsert.ParallelResult;
import dev.upsert.UpsertResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** How the caller collects its writers' results, without a database. */
class ParallelTest {

    /**
     * An interrupt of the caller while writers run: partitions not yet started are not written, the
     * running one is waited for and reported, and the interrupt stays set.
     */
    @Test
    void anInterruptedCallerCancelsWhatHasNotStartedAndWaitsForWhatRuns() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Object> first = List.of("a");
            List<Object> second = List.of("b");
            AtomicBoolean stopped = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Future<ParallelResult.Partition> running = pool.submit(Parallel.writer(0, first, stopped, () -> {
                started.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new UpsertResult(1, 0, 0, 0);
            }));
            Future<ParallelResult.Partition> queued = pool.submit(Parallel.writer(1, second, stopped, () -> new UpsertResult(1, 0, 0, 0)));
            started.await();
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    caller.interrupt();
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    // the test fails on its assertions
                }
                finish.countDown();
            });
            interrupter.start();

            List<ParallelResult.Partition> done = Parallel.results(List.of(running, queued), stopped);

            assertThat(Thread.interrupted()).as("the interrupt stays set").isTrue();
            assertThat(done.get(0).committed()).isTrue();
            assertThat(done.get(1).committed()).isFalse();
            assertThat(done.get(1).failure()).hasMessageContaining("interrupted").hasMessageContaining("Nothing of it was written");
            assertThat(done.get(1).entities()).containsExactly("b");
            interrupter.join();
        } finally {
            pool.shutdownNow();
        }
    }
}
