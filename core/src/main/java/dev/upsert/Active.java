package dev.upsert;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boolean attribute that is true while a row exists at the source. A
 * {@link Strategy#SYNC} sets it to false instead of deleting the row; any upsert of the key sets
 * it to true again (and counts as an update if it was false).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Active {
}
