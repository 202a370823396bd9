package dev.upsert.samples;

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

import java.time.Instant;

/** The customer dimension with history (SCD type 2): a change of country opens a new version. */
@Entity
@Table(name = "sample_customer_history",
        indexes = @Index(name = "sample_customer_history_version", columnList = "externalId, validFrom", unique = true))
public class CustomerHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @NaturalKey
    String externalId;

    @Tracked
    String country;

    String name;

    @ValidFrom
    Instant validFrom;

    @ValidTo
    Instant validTo;

    @Current
    Boolean isCurrent;

    protected CustomerHistory() {
    }

    CustomerHistory(String externalId, String name, String country) {
        this.externalId = externalId;
        this.name = name;
        this.country = country;
    }
}
