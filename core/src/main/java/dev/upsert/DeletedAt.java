package dev.upsert;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a timestamp attribute that records when a row vanished from the source. A
 * {@link Strategy#SYNC} sets it instead of deleting the row; any upsert of the key clears it
 * again (and counts as an update if it was set).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface DeletedAt {
}
