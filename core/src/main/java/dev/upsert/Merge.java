package dev.upsert;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How an update of an existing row treats this attribute. {@code UpsertOptions.mergePolicy}
 * overrides it for one call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Merge {
    /** How an update combines the stored and the new value of the attribute. */
    MergePolicy value();
}
