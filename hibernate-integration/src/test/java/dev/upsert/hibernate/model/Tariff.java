package dev.upsert.hibernate.model;

import dev.upsert.Current;
import dev.upsert.NaturalKey;
import dev.upsert.Tracked;
import dev.upsert.ValidFrom;
import dev.upsert.ValidTo;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

/** A history with an optimistic-lock version and an update timestamp: a correction in place is an update too. */
@Entity
@Table(name = "it_tariff", indexes = @Index(name = "it_tariff_version", columnList = "code, validFrom", unique = true))
public class Tariff {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String code;

    @Tracked
    public Integer rate;

    /** Not tracked: corrected in place. */
    public String note;

    @Version
    public Integer revision;

    @UpdateTimestamp
    public Instant touchedAt;

    @ValidFrom
    public Instant validFrom;

    @ValidTo
    public Instant validTo;

    @Current
    public Boolean isCurrent;

    public Tariff() {
    }

    public Tariff(String code, Integer rate, String note) {
        this.code = code;
        this.rate = rate;
        this.note = note;
    }
}
