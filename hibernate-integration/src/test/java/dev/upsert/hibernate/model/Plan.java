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
import org.hibernate.annotations.FractionalSeconds;

import java.time.Instant;

/** A customer's plan, with history kept to the whole second: timestamp(0), MariaDB's datetime. */
@Entity
@Table(name = "it_plan", indexes = @Index(name = "it_plan_version", columnList = "customerId, validFrom", unique = true))
public class Plan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String customerId;

    @Tracked
    public String tier;

    @ValidFrom
    @FractionalSeconds(0)
    public Instant validFrom;

    @ValidTo
    @FractionalSeconds(0)
    public Instant validTo;

    @Current
    public Boolean isCurrent;

    public Plan() {
    }

    public Plan(String customerId, String tier) {
        this.customerId = customerId;
        this.tier = tier;
    }
}
