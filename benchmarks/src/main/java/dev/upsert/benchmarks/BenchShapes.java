package dev.upsert.benchmarks;

import dev.upsert.NaturalKey;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One record stored three ways: in one table, in a JOINED hierarchy's two tables, with a secondary table. */
final class BenchShapes {

    private BenchShapes() {
    }

    /** An identity id, a two-part natural key and three attributes, as every shape stores them in its main table. */
    @MappedSuperclass
    abstract static class Main {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @NaturalKey
        String source;

        @NaturalKey
        String code;

        String name;

        Integer qty;

        @Column(precision = 12, scale = 2)
        BigDecimal price;

        Main with(String source, String code, String name, Integer qty, BigDecimal price, Rest rest) {
            this.source = source;
            this.code = code;
            this.name = name;
            this.qty = qty;
            this.price = price;
            rest(rest);
            return this;
        }

        /** Sets the three attributes the other shapes keep in a second table. */
        abstract void rest(Rest rest);
    }

    /** The three attributes the two-table shapes keep in their second table. */
    @Embeddable
    record Rest(String note, Integer grade, LocalDate due) {
    }

    @Entity
    @Table(name = "bench_flat", uniqueConstraints = @UniqueConstraint(columnNames = {"source", "code"}))
    static class Flat extends Main {
        @Embedded
        Rest rest;

        @Override
        void rest(Rest rest) {
            this.rest = rest;
        }
    }

    @Entity
    @Table(name = "bench_root", uniqueConstraints = @UniqueConstraint(columnNames = {"source", "code"}))
    @Inheritance(strategy = InheritanceType.JOINED)
    abstract static class Root extends Main {
    }

    @Entity
    @Table(name = "bench_joined")
    static class Joined extends Root {
        @Embedded
        Rest rest;

        @Override
        void rest(Rest rest) {
            this.rest = rest;
        }
    }

    @Entity
    @Table(name = "bench_split", uniqueConstraints = @UniqueConstraint(columnNames = {"source", "code"}))
    @SecondaryTable(name = "bench_split_rest", pkJoinColumns = @PrimaryKeyJoinColumn(name = "split_id"))
    static class Split extends Main {
        @Embedded
        @AttributeOverride(name = "note", column = @Column(table = "bench_split_rest"))
        @AttributeOverride(name = "grade", column = @Column(table = "bench_split_rest"))
        @AttributeOverride(name = "due", column = @Column(table = "bench_split_rest"))
        Rest rest;

        @Override
        void rest(Rest rest) {
            this.rest = rest;
        }
    }
}
