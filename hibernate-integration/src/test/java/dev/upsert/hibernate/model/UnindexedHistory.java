package dev.upsert.hibernate.model;

import dev.upsert.Current;
import dev.upsert.NaturalKey;
import dev.upsert.ValidFrom;
import dev.upsert.ValidTo;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A versioned history without the index that keeps one current version per key. */
@Entity
@Table(name = "it_unindexed_history")
public class UnindexedHistory {
    @Id
    @GeneratedValue
    public Long id;

    @NaturalKey
    public String code;

    public String label;

    @ValidFrom
    public Instant validFrom;

    @ValidTo
    public Instant validTo;

    @Current
    public Boolean isCurrent;

    public UnindexedHistory() {
    }

    public UnindexedHistory(String code) {
        this.code = code;
    }
}
