package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A natural key without the unique index an upsert needs. */
@Entity
@Table(name = "it_unindexed")
public class Unindexed {
    @Id
    @GeneratedValue
    public Long id;

    @NaturalKey
    public String code;

    public String label;

    public Unindexed() {
    }

    public Unindexed(String code) {
        this.code = code;
    }
}
