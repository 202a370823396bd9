package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.FractionalSeconds;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A natural key of a time in whole seconds and a decimal of two places, given more digits than that. */
@Entity
@Table(name = "it_tick", uniqueConstraints = @UniqueConstraint(columnNames = {"sensor", "at", "band"}))
public class Tick {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String sensor;

    @NaturalKey
    @FractionalSeconds(0)
    public LocalDateTime at;

    @NaturalKey
    @Column(precision = 10, scale = 2)
    public BigDecimal band;

    public int level;

    public Tick() {
    }

    public Tick(String sensor, LocalDateTime at, String band, int level) {
        this.sensor = sensor;
        this.at = at;
        this.band = new BigDecimal(band);
        this.level = level;
    }
}
