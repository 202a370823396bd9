package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.LocalTime;

/** A shift: times of day (whole seconds, Hibernate's default, and microseconds) and a length. */
@Entity
@Table(name = "it_shift")
public class Shift {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public LocalTime starts;

    @org.hibernate.annotations.FractionalSeconds(6)
    public LocalTime ends;

    public Duration length;

    public Shift() {
    }

    public Shift(String code, LocalTime starts, Duration length) {
        this.code = code;
        this.starts = starts;
        this.ends = starts;
        this.length = length;
    }
}
