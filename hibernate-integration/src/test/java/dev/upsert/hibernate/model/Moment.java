package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** The java.time types and both enum forms, an instant in the natural key, for every database. */
@Entity
@Table(name = "it_moment", uniqueConstraints = @UniqueConstraint(columnNames = {"code", "instant_at"}))
public class Moment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String code;

    @NaturalKey
    public Instant instantAt;

    public OffsetDateTime offsetAt;

    public ZonedDateTime zonedAt;

    public LocalDateTime wallAt;

    public LocalDate onDay;

    @Enumerated(EnumType.ORDINAL)
    public Customer.Tier tierRank;

    @Enumerated(EnumType.STRING)
    public Customer.Tier tierName;

    public Moment() {
    }

    public Moment(String code, Instant at, OffsetDateTime offset, Customer.Tier tier) {
        this.code = code;
        this.instantAt = at;
        this.offsetAt = offset;
        this.zonedAt = offset == null ? null : offset.atZoneSameInstant(java.time.ZoneId.of("America/New_York"));
        this.wallAt = offset == null ? null : offset.toLocalDateTime();
        this.onDay = offset == null ? null : offset.toLocalDate();
        this.tierRank = tier;
        this.tierName = tier;
    }
}
