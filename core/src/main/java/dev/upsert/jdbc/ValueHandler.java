package dev.upsert.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Binds and reads one column's JDBC values; the ORM integration supplies its own type system's. */
public interface ValueHandler {

    void bind(PreparedStatement statement, int index, Object value) throws SQLException;

    Object extract(ResultSet resultSet, int index) throws SQLException;

    /** What {@link #arrayValue} returns for a value that must be bound by itself, not in an array. */
    Object BOUND_ALONE = new Object();

    /**
     * The value as it travels in an array parameter: what {@link #bind} would send, where the
     * value's own class is one the database does not know (an enum as its name or ordinal); or
     * {@link #BOUND_ALONE}, where only {@link #bind} sends it as it must be sent. Called from the
     * call's worker thread too: it must not touch the session's state.
     */
    default Object arrayValue(Object value) {
        return value;
    }

    /**
     * The value as its binder sends it (text, bytes) where its own form does not tell that size
     * (JSON of an object); else the value itself. For measuring a statement's text only.
     */
    default Object sent(Object value) {
        return value;
    }

    /** Plain {@code setObject} / {@code getObject}, for callers without a type system. */
    ValueHandler OBJECT = new ValueHandler() {
        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setObject(index, value);
        }

        @Override
        public Object extract(ResultSet resultSet, int index) throws SQLException {
            return resultSet.getObject(index);
        }
    };
}
