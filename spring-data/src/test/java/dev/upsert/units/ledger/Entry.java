package dev.upsert.units.ledger;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** The second persistence unit's entity, on MariaDB. */
@Entity
@Table(name = "pu_entry", uniqueConstraints = @UniqueConstraint(columnNames = {"book", "line"}))
public class Entry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(nullable = false)
    public String book;

    @NaturalKey
    public int line;

    public String text;

    protected Entry() {
    }

    public Entry(String book, int line, String text) {
        this.book = book;
        this.line = line;
        this.text = text;
    }
}
