package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A natural key of an embedded value (two columns) and an enum. */
@Entity
@Table(name = "it_reading", uniqueConstraints = @UniqueConstraint(columnNames = {"site", "channel", "unit"}))
public class Reading {

    @Embeddable
    public record Sensor(String site, int channel) {
    }

    public enum Unit { CELSIUS, PERCENT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Embedded
    @NaturalKey
    public Sensor sensor;

    @NaturalKey
    @Enumerated(EnumType.STRING)
    public Unit unit;

    public double reading;

    public Reading() {
    }

    public Reading(String site, int channel, Unit unit, double reading) {
        this.sensor = new Sensor(site, channel);
        this.unit = unit;
        this.reading = reading;
    }
}
