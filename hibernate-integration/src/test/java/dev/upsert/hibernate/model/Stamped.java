package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Each date and time type PostgreSQL's arrays carry as numbers, one of them in the natural key. */
@Entity
@Table(name = "it_stamped", uniqueConstraints = @jakarta.persistence.UniqueConstraint(columnNames = {"code", "moment"}))
public class Stamped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String code;

    @NaturalKey
    public Instant moment;

    public OffsetDateTime zoned;

    public LocalDateTime wall;

    public ZonedDateTime zonedAt;

    public LocalDate day;

    public Stamped() {
    }

    public Stamped(String code, Instant moment, OffsetDateTime zoned, LocalDateTime wall, LocalDate day) {
        this.code = code;
        this.moment = moment;
        this.zoned = zoned;
        this.wall = wall;
        this.zonedAt = zoned == null ? null : zoned.atZoneSameInstant(java.time.ZoneId.of("America/New_York"));
        this.day = day;
    }
}
