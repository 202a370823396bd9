package dev.upsert.hibernate;

/**
 * The counted path ({@link MariaDbCountedUpsertTest}) with the driver reporting affected rows
 * ({@code useAffectedRows=true}): a row left as it was counts 0 rather than 1, and every count
 * check must still hold.
 */
class MariaDbAffectedRowsUpsertTest extends MariaDbCountedUpsertTest {

    @Override
    public TestDatabase database() {
        return TestDatabase.mariadb().with("useAffectedRows=true");
    }
}
