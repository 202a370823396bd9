package dev.upsert.benchmarks;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
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
        java.math.BigDecimal price;

        /** The three attributes the other shapes keep in a second table. */
        abstract void rest(String note, Integer grade, java.time.LocalDate due);

        void main(String source, String code, String name, Integer qty, java.math.BigDecimal price) {
            this.source = source;
            this.code = code;
            this.name = name;
            this.qty = qty;
            this.price = price;
        }
    }

    @Entity
    @Table(name = "bench_flat", uniqueConstraints = @UniqueConstraint(columnNames = {"source", "code"}))
    static class Flat extends Main {
        String note;
        Integer grade;
        java.time.LocalDate due;

        @Override
        void rest(String note, Integer grade, java.time.LocalDate due) {
            this.note = note;
            this.grade = grade;
            this.due = due;
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
        String note;
        Integer grade;
        java.time.LocalDate due;

        @Override
        void rest(String note, Integer grade, java.time.LocalDate due) {
            this.note = note;
            this.grade = grade;
            this.due = due;
        }
    }

    @Entity
    @Table(name = "bench_split", uniqueConstraints = @UniqueConstraint(columnNames = {"source", "code"}))
    @SecondaryTable(name = "bench_split_rest", pkJoinColumns = @PrimaryKeyJoinColumn(name = "split_id"))
    static class Split extends Main {
        @Column(table = "bench_split_rest")
        String note;
        @Column(table = "bench_split_rest")
        Integer grade;
        @Column(table = "bench_split_rest")
        java.time.LocalDate due;

        @Override
        void rest(String note, Integer grade, java.time.LocalDate due) {
            this.note = note;
            this.grade = grade;
            this.due = due;
        }
    }
}
