package dev.upsert.benchmarks;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.UpsertSession;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

/**
 * Streams N generated rows through {@code upsertAll(type, Stream, options)} into PostgreSQL and
 * reports the rate and the heap peak; run it with a small heap to check that memory stays bounded
 * by the chunk size:
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.upsert.benchmarks.StreamingCheck [jdbc-url] [rows] [chunk]
 * </pre>
 */
public final class StreamingCheck {

    private StreamingCheck() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : UpsertOptions.DEFAULT_CHUNK_SIZE;
        OffsetDateTime seen = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        try (SessionFactory factory = new MetadataSources(new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, url)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build()).addAnnotatedClass(BenchItem.class).buildMetadata().buildSessionFactory()) {
            UpsertOptions options = UpsertOptions.builder().chunkSize(chunk).progress((done, rate, soFar) -> {
                if (done % 1_000_000 == 0) {
                    System.out.printf("%,d rows, %,.0f rows/s, heap used %d MB%n", done, rate, used() >> 20);
                }
            }).build();
            long start = System.nanoTime();
            UpsertResult result = factory.fromTransaction(session -> UpsertSession.wrap(session).upsertAll(BenchItem.class,
                    IntStream.range(0, rows).mapToObj(i -> new BenchItem("s" + i % 10, "c" + i, "item " + i, i % 100,
                            BigDecimal.valueOf(i % 10_000, 2), seen)), options));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("%s in %.0f s (%,.0f rows/s), heap peak %d MB of max %d MB%n", result, seconds,
                    rows / seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

}
