package dev.upsert.dialect;

/**
 * What the MySQL family shares: backtick quoting, {@code ON DUPLICATE KEY UPDATE}, which matches a
 * row by any unique key and reports a count that mixes inserts, updates and untouched rows.
 */
abstract class DuplicateKeyDialect implements Dialect {

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '`');
    }

    @Override
    public Reporting reporting() {
        return Reporting.DUPLICATE_KEY_COUNT;
    }

    @Override
    public boolean matchesAnyUniqueKey() {
        return true;
    }

    @Override
    public String lockName() {
        return "SELECT GET_LOCK(?, 60)";
    }

    @Override
    public String unlockName() {
        return "SELECT RELEASE_LOCK(?)";
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }
}
