package dev.upsert.jdbc;

import java.util.List;

/**
 * One distinct natural key of a call: the values it binds and the entities that carry it.
 *
 * @param values  one value per table column (the JDBC value; ignored for columns that are not bound)
 * @param key     its natural key
 * @param sources the entities with this key, the one whose values are written first
 */
public record Row(Object[] values, Key key, List<Object> sources) {
}
