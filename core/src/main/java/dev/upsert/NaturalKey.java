package dev.upsert;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an attribute as part of the natural key that {@code upsertAll} matches rows by.
 *
 * <p>Several annotated attributes form a composite key. The table needs a unique constraint or
 * unique index on exactly the key's columns; the first upsert of an entity type checks this and
 * names the {@code CREATE UNIQUE INDEX} statement when it is missing. Without any
 * {@code @NaturalKey}, Hibernate's {@code @NaturalId} attributes are the key.
 *
 * <p>On the identifier (an assigned {@code @Id}, an {@code @EmbeddedId}, or the {@code @Id}
 * attributes of an {@code @IdClass}) it makes the primary key the natural key; it then marks no
 * other attribute.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface NaturalKey {
}
