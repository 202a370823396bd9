package dev.upsert.hibernate.model;

/** An amount in cents, stored as a number by {@link CentsConverter}. */
public record Cents(long value) implements java.io.Serializable {
}
