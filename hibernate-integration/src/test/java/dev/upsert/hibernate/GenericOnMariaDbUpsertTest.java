package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.GenericDialect;
import dev.upsert.hibernate.model.Reserved;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole suite through the generic fallback forced on MariaDB: the portable path on a second
 * database, with its own quoting, type names and comparison rules. One test shows what the generic
 * path cannot know about a database it has no dialect for: its collation.
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
}
