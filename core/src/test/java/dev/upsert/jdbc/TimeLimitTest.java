package dev.upsert.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** A time fit to a column that keeps fewer digits of a second, as the database would keep it. */
class TimeLimitTest {

    private static final TableInspector.Limit.Time WHOLE_SECONDS = new TableInspector.Limit.Time(0, 6, true);
    private static final TableInspector.Limit.Time MILLIS_CUT = new TableInspector.Limit.Time(3, 6, false);

    /** A driver that cuts to microseconds, then a server that rounds (MariaDB under TIME_ROUND_FRACTIONAL). */
    @Test
    void theDriversStepAndTheColumnsStepEachKeepTheirOwnRule() {
        TableInspector.Limit.Time cutThenRound = new TableInspector.Limit.Time(0, 6, true, false);
        LocalDateTime noon = LocalDateTime.of(2026, 11, 29, 12, 0);
        assertThat(cutThenRound.fit(noon.plusNanos(499_999_600))).as("cut to .499999 first").isEqualTo(noon);
        assertThat(cutThenRound.fit(noon.plusNanos(500_000_000))).isEqualTo(noon.plusSeconds(1));
        assertThat(new TableInspector.Limit.Time(6, 6, true, false).fit(noon.plusNanos(999_999_999)))
                .isEqualTo(noon.plusNanos(999_999_000));
    }

    @Test
    void roundsAHalfUpOrCutsAndKeepsTheClass() {
        LocalDateTime noon = LocalDateTime.of(2026, 11, 29, 12, 0);
        assertThat(WHOLE_SECONDS.fit(noon.plusNanos(500_000_000))).isEqualTo(noon.plusSeconds(1));
        assertThat(WHOLE_SECONDS.fit(noon.plusNanos(499_999_000))).isEqualTo(noon);
        assertThat(MILLIS_CUT.fit(noon.plusNanos(1_999_999))).isEqualTo(noon.plusNanos(1_000_000));
        assertThat(WHOLE_SECONDS.fit(noon.atOffset(ZoneOffset.ofHours(2)).plusNanos(700_000_000)))
                .isEqualTo(noon.plusSeconds(1).atOffset(ZoneOffset.ofHours(2)));
        assertThat(WHOLE_SECONDS.fit(noon.atZone(ZoneOffset.UTC).plusNanos(700_000_000)))
                .isInstanceOf(ZonedDateTime.class).isEqualTo(noon.plusSeconds(1).atZone(ZoneOffset.UTC));
        assertThat(WHOLE_SECONDS.fit(Instant.ofEpochSecond(-10, 600_000_000))).isEqualTo(Instant.ofEpochSecond(-9));
        assertThat(WHOLE_SECONDS.fit(Timestamp.valueOf(noon.plusNanos(600_000_000))))
                .isEqualTo(Timestamp.valueOf(noon.plusSeconds(1)));
        assertThat(MILLIS_CUT.fit(OffsetDateTime.of(noon, ZoneOffset.UTC).plusNanos(2_500_000)))
                .isEqualTo(OffsetDateTime.of(noon, ZoneOffset.UTC).plusNanos(2_000_000));
    }

    /** The driver first rounds to the microsecond, then the column to its own digits. */
    @Test
    void roundsAsTheDriverThenTheColumnDo() {
        LocalDateTime noon = LocalDateTime.of(2026, 11, 29, 12, 0);
        assertThat(new TableInspector.Limit.Time(3, 6, true).fit(noon.plusNanos(499_600)))
                .as("0.4996 ms is 500 us as sent, then 1 ms").isEqualTo(noon.plusNanos(1_000_000));
    }

    /** As Hibernate binds a time of day (milliseconds, a half up), then as the column keeps it. */
    @Test
    void takesATimeOfDayAsHibernateBindsIt() {
        assertThat(WHOLE_SECONDS.fit(LocalTime.of(10, 0, 0, 499_500_000))).isEqualTo(LocalTime.of(10, 0, 1));
        assertThat(new TableInspector.Limit.Time(0, 6, false).fit(LocalTime.of(10, 0, 0, 999_500_000)))
                .as("cut, after Hibernate's rounding").isEqualTo(LocalTime.of(10, 0, 1));
        assertThat(MILLIS_CUT.fit(LocalTime.of(9, 0, 0, 900_000_400))).isEqualTo(LocalTime.of(9, 0, 0, 900_000_000));
        assertThat(MILLIS_CUT.fit(LocalTime.of(23, 59, 59, 999_600_000))).as("past the last millisecond").isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void leavesWhatItCannotKeep() {
        LocalTime late = LocalTime.of(23, 59, 59, 900_000_000);
        assertThat(WHOLE_SECONDS.fit(late)).as("24:00:00 is no LocalTime").isSameAs(late);
        OffsetTime noon = OffsetTime.of(12, 0, 0, 600_000_000, ZoneOffset.UTC);
        assertThat(WHOLE_SECONDS.fit(noon)).isSameAs(noon);
        LocalDateTime whole = LocalDateTime.of(2026, 11, 29, 12, 0, 1);
        assertThat(WHOLE_SECONDS.fit(whole)).isSameAs(whole);
        assertThat(WHOLE_SECONDS.fit("12:00:00.5")).isEqualTo("12:00:00.5");
        assertThat(WHOLE_SECONDS.fit(java.time.LocalDate.of(2026, 11, 29))).isEqualTo(java.time.LocalDate.of(2026, 11, 29));
    }
}
