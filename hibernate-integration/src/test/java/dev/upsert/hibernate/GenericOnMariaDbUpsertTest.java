package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.GenericDialect;
import dev.upsert.hibernate.model.CustomerHistory;
import dev.upsert.hibernate.model.Reserved;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole suite through the generic fallback forced on MariaDB: the portable path on a second
 * database, with its own quoting, type names and comparison rules. Two tests show what the generic
 * path cannot know about a database it has no dialect for.
 */
class GenericOnMariaDbUpsertTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(new GenericDialect("MariaDBDialect", '`', '`'));
    }

    /**
     * The generic path compares with the database's own {@code =}: under MariaDB's default
     * case-insensitive collation, "b" and "B" are equal, so a change of case alone is not written
     * (MariaDB's own dialect compares byte for byte and writes it).
     */
    @Override
    @Test
    void quotesIdentifiersThatNeedIt() {
        assertThat(upsertAny(List.of(new Reserved(1, "a"), new Reserved(2, "b")))).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(upsertAny(List.of(new Reserved(2, "B"), new Reserved(3, "c")))).isEqualTo(new UpsertResult(1, 0, 1, 0));
        assertThat(query("select `order` as o, `Select` as s from `It Mixed` order by `order`"))
                .extracting(r -> r.get("o"), r -> r.get("s"))
                .containsExactly(tuple(1, "a"), tuple(2, "b"), tuple(3, "c"));
    }

    /**
     * The generic path takes a database to round a time to its column's digits, as most do;
     * MariaDB cuts, so a time past the column's last digit reads back as another time, and a
     * versioned history opens a version for it on every call (MariaDB's own dialect cuts too).
     */
    @Override
    @Test
    void aHistoryComparesTimesAsItsColumnKeepsThem() {
        java.util.function.Function<Integer, List<CustomerHistory>> seen = nanos -> {
            List<CustomerHistory> ada = ada(null, null);
            ada.get(0).lastSeen = java.time.LocalDateTime.of(2026, 11, 29, 12, 0, 0, nanos);
            return ada;
        };
        assertThat(upsertAny(seen.apply(123_456_000))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(seen.apply(123_456_000))).as("a time the column keeps whole").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(seen.apply(123_456_500))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(upsertAny(seen.apply(123_456_500))).as("rounded here, cut there").isEqualTo(new UpsertResult(0, 1, 0, 0));
    }
}
