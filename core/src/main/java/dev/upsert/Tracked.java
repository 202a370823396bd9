package dev.upsert;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an attribute of a versioned-history entity whose change opens a new version. Without any {@code @Tracked}, every attribute is tracked; an attribute that is not tracked is updated in place on the current version (SCD type 1).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Tracked {
}
