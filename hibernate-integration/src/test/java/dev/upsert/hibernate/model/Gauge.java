package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sequence id, a version and a single-precision float, which keeps 0.1 otherwise than a decimal. */
@Entity
@Table(name = "it_gauge")
public class Gauge {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public Float level;

    @Version
    public Integer version;

    public Gauge() {
    }

    public Gauge(String code, Float level) {
        this.code = code;
        this.level = level;
    }
}
