package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A warehouse-style customer: composite natural key, identity id and most kinds of mapping. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@Table(name = "it_customer", indexes = @Index(name = "it_customer_key", columnList = "sourceSystem, externalId", unique = true))
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String sourceSystem;

    @NaturalKey
    public String externalId;

    public String name;

    @Enumerated(EnumType.STRING)
    public Tier tier;

    @Convert(converter = CentsConverter.class)
    public Cents balance;

    @Embedded
    public Address address;

    public UUID reference;

    public LocalDate since;

    public BigDecimal score;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;

    @Column(updatable = false)
    public String firstSeenBy;

    @Version
    public Integer version;

    @CreationTimestamp
    public Instant createdAt;

    @UpdateTimestamp
    public Instant updatedAt;

    public Customer() {
    }

    public Customer(String sourceSystem, String externalId, String name) {
        this.sourceSystem = sourceSystem;
        this.externalId = externalId;
        this.name = name;
    }

    public enum Tier { BRONZE, SILVER, GOLD }
}
