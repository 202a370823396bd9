package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;

/** Rows written once and never updated, as Hibernate treats an @Immutable entity. */
@Entity
@Immutable
@Table(name = "it_rate")
public class Rate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    @Column(precision = 10, scale = 4)
    public BigDecimal factor;

    public Rate() {
    }

    public Rate(String code, String value) {
        this.code = code;
        this.factor = new BigDecimal(value);
    }
}
