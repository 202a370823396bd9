package dev.upsert;

/**
 * A mapping or schema problem that stops an upsert before anything is written: the message says
 * what is wrong, where (entity, attribute, table, column) and how to fix it.
 */
public class UpsertException extends RuntimeException {

    /** @param message what is wrong, where, and how to fix it */
    public UpsertException(String message) {
        super(message);
    }

    /** @param message what is wrong, where, and how to fix it */
    public UpsertException(String message, Throwable cause) {
        super(message, cause);
    }
}
