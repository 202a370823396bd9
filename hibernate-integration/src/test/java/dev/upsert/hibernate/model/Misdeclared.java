package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Natural keys declared in ways that leave unclear what keys a row; each is refused. */
public final class Misdeclared {

    private Misdeclared() {
    }

    /** On the identifier and on another attribute. */
    @Entity
    @Table(name = "it_misdeclared_both")
    public static class Both {
        @Id
        @NaturalKey
        public String code;

        @NaturalKey
        public String alias;
    }

    /** On one of the two @Id attributes of an @IdClass. */
    @Entity
    @Table(name = "it_misdeclared_half")
    @IdClass(Half.Key.class)
    public static class Half {
        public record Key(String a, String b) {
        }

        @Id
        @NaturalKey
        public String a;

        @Id
        public String b;
    }

    /** On a generated identifier. */
    @Entity
    @Table(name = "it_misdeclared_generated")
    public static class Generated {
        @Id
        @GeneratedValue
        @NaturalKey
        public Long id;

        public String label;
    }
}
