package dev.upsert.samples;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

/** A customer dimension row, keyed by the source system and the customer's id there. */
@Entity
@Table(name = "sample_customer_dim",
        indexes = @Index(name = "sample_customer_dim_key", columnList = "source_system, external_id", unique = true))
public class CustomerDim {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @NaturalKey
    @Column(name = "source_system", nullable = false)
    String sourceSystem;

    @NaturalKey
    @Column(name = "external_id", nullable = false)
    String externalId;

    String name;

    String email;

    String country;

    @Version
    Integer version;

    @CreationTimestamp
    @Column(name = "loaded_at")
    Instant loadedAt;

    @UpdateTimestamp
    @Column(name = "changed_at")
    Instant changedAt;

    protected CustomerDim() {
    }

    CustomerDim(String sourceSystem, String externalId, String name, String email, String country) {
        this.sourceSystem = sourceSystem;
        this.externalId = externalId;
        this.name = name;
        this.email = email;
        this.country = country;
    }
}
