package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigInteger;
import java.util.Map;

/**
 * A document keyed by its digest: JSON ({@code jsonb}), bytes in the natural key, a number wider
 * than a long and a single character.
 */
@Entity
@Table(name = "it_payload", uniqueConstraints = @jakarta.persistence.UniqueConstraint(columnNames = {"digest", "source"}))
public class Payload {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String source;

    @NaturalKey
    public byte[] digest;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> doc;

    public BigInteger amount;

    public Character grade;

    /** Floats into a numeric and into a wider float: stored as Hibernate's binder converts them. */
    @jakarta.persistence.Column(columnDefinition = "numeric")
    public Double share;

    @jakarta.persistence.Column(columnDefinition = "float8")
    public Float ratio;

    public Payload() {
    }

    public Payload(String source, byte[] digest, Map<String, Object> doc, BigInteger amount, Character grade) {
        this.source = source;
        this.digest = digest;
        this.doc = doc;
        this.amount = amount;
        this.grade = grade;
    }
}
