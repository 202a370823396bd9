package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A natural key with a java.util.Date, which reads back as a java.sql.Timestamp. */
@Entity
@Table(name = "it_timecard", indexes = @Index(name = "it_timecard_key", columnList = "worker, punchedAt", unique = true))
public class Timecard {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String worker;

    @NaturalKey
    public java.util.Date punchedAt;

    public Integer minutes;

    public Timecard() {
    }

    public Timecard(String worker, java.util.Date punchedAt, Integer minutes) {
        this.worker = worker;
        this.punchedAt = punchedAt;
        this.minutes = minutes;
    }
}
