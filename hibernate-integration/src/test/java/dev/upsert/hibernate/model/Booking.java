package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.OffsetDateTime;

/** A date-time with an offset in the natural key, which most databases keep as its instant. */
@Entity
@Table(name = "it_booking", uniqueConstraints = @UniqueConstraint(columnNames = {"room", "starts_at"}))
public class Booking {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String room;

    @NaturalKey
    public OffsetDateTime startsAt;

    public String guest;

    public Booking() {
    }

    public Booking(String room, OffsetDateTime startsAt, String guest) {
        this.room = room;
        this.startsAt = startsAt;
        this.guest = guest;
    }
}
