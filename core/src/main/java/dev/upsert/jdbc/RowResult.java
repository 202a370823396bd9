package dev.upsert.jdbc;

/**
 * What happened to one row, and the values read back from the database.
 *
 * @param row      the row
 * @param status   what the write did to it
 * @param returned the {@code Table#results()} columns as stored, or {@code null} if the row was
 *                 not found again
 */
public record RowResult(Row row, Status status, Object[] returned) {

    public enum Status {
        INSERTED,
        UPDATED,
        UNCHANGED,
        /** Existed before; the database does not say whether this statement changed it. */
        MATCHED
    }
}
