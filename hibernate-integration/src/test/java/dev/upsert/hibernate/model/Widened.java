package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A 64-bit id that its test gives a 32-bit sequence, as a serial column widened to bigint keeps. */
@Entity
@Table(name = "it_widened")
public class Widened {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public int count;

    public Widened() {
    }

    public Widened(String code, int count) {
        this.code = code;
        this.count = count;
    }
}
