package dev.upsert;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the timestamp attribute of a versioned-history entity (SCD type 2) that holds when a version became current. Together with {@link ValidTo} and {@link Current} it makes every upsert of the entity keep history: a changed row closes its current version and inserts a new one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ValidFrom {
}
