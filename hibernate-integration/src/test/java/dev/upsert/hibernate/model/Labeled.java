package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Enums by name and by ordinal, one of them in the natural key. */
@Entity
@Table(name = "it_labeled", uniqueConstraints = @jakarta.persistence.UniqueConstraint(columnNames = {"code", "kind"}))
public class Labeled {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String code;

    @NaturalKey
    @Enumerated(EnumType.STRING)
    public Customer.Tier kind;

    @Enumerated(EnumType.ORDINAL)
    public Customer.Tier rank;

    public Labeled() {
    }

    public Labeled(String code, Customer.Tier kind, Customer.Tier rank) {
        this.code = code;
        this.kind = kind;
        this.rank = rank;
    }
}
