package dev.upsert.jdbc;

import dev.upsert.dialect.MariaDbDialect;
import dev.upsert.dialect.PostgresDialect;
import dev.upsert.dialect.SqliteDialect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocksTest {

    @Test
    void equalKeysGetOneLockNameInEveryProcess() {
        Key scaled = new Key(List.of("crm", new BigDecimal("1.50")));
        Key plain = new Key(List.of("crm", new BigDecimal("1.5")));
        assertThat(Locks.name("dw.customer", scaled)).isEqualTo(Locks.name("dw.customer", plain));
        assertThat(java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> Locks.name("dw.customer", new Key(List.of("k" + i))))
                .distinct().count()).as("a bounded number of locks per table, all of them used").isEqualTo(Locks.KEY_LOCKS_PER_TABLE);
        // FNV-1a of a fixed text: a change here would make two versions of the library miss each other's locks.
        assertThat(Locks.hash("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(Locks.hash("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    }

    @Test
    void eachDatabaseSaysWhichLocksItHas() {
        assertThat(new PostgresDialect().lockHashes()).isEqualTo("SELECT count(pg_advisory_xact_lock(\"h\")) FROM (SELECT \"h\""
                + " FROM unnest(CAST(? AS bigint[])) AS \"h\" ORDER BY 1 OFFSET 0) AS \"s\"");
        assertThat(new PostgresDialect().lockHashesShared()).startsWith("SELECT count(pg_advisory_xact_lock_shared(\"h\")) FROM");
        assertThat(new MariaDbDialect().lockHashesShared()).isNull();
        assertThat(new PostgresDialect().lockName()).isNull();
        assertThat(new MariaDbDialect().lockHashes()).isNull();
        assertThat(new MariaDbDialect().lockName()).isEqualTo("SELECT GET_LOCK(?, 60)");
        assertThat(new MariaDbDialect().unlockName()).isEqualTo("SELECT RELEASE_LOCK(?)");
        assertThat(new SqliteDialect().lockHashes()).isNull();
        assertThat(new SqliteDialect().lockName()).isNull();
    }

    private static final TableInspector.Limit.Time MICROS = new TableInspector.Limit.Time(6, 6, true);

    @Test
    void aVersionNeverStartsBeforeTheOneItCloses() {
        Instant start = Instant.parse("2026-11-25T10:00:00.000001Z");
        assertThat(HistoryExecutor.after(start, start.plusMillis(1), MICROS)).isEqualTo(start.plusMillis(1));
        assertThat(HistoryExecutor.after(start, start.minusSeconds(1), MICROS)).isEqualTo(start.plusNanos(1_000));
        assertThat(HistoryExecutor.after(start, start.plusNanos(500), MICROS)).as("the same microsecond").isEqualTo(start.plusNanos(1_000));
        LocalDateTime local = LocalDateTime.parse("2026-11-25T10:00:00");
        assertThat(HistoryExecutor.after(local, local, MICROS)).isEqualTo(local.plusNanos(1_000));
        Timestamp timestamp = Timestamp.from(start);
        assertThat(HistoryExecutor.after(timestamp, Timestamp.from(start.minusSeconds(5)), MICROS))
                .isEqualTo(Timestamp.from(start.plusNanos(1_000)));
        assertThat(HistoryExecutor.after(null, start, MICROS)).isEqualTo(start);
    }

    /** In a column of whole seconds, a version that follows another within a second starts a second later. */
    @Test
    void aVersionStartsAWholeStepAfterTheOneItClosesWhereTheColumnKeepsFewerDigits() {
        TableInspector.Limit.Time seconds = new TableInspector.Limit.Time(0, 6, true);
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(HistoryExecutor.after(start, start.plusMillis(400), seconds)).isEqualTo(start.plusSeconds(1));
        assertThat(HistoryExecutor.after(start, start.plusSeconds(3), seconds)).isEqualTo(start.plusSeconds(3));
        LocalDateTime local = LocalDateTime.parse("2026-11-25T10:00:00");
        assertThat(HistoryExecutor.after(local, local.minusSeconds(2), seconds)).isEqualTo(local.plusSeconds(1));
        TableInspector.Limit.Time millis = new TableInspector.Limit.Time(3, 3, false);
        assertThat(HistoryExecutor.after(start, start.plusNanos(400_000), millis)).as("SQLite's milliseconds")
                .isEqualTo(start.plusMillis(1));
    }
}
