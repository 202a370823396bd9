package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A natural key the database pads: {@code char(8)} returns "k1      " for "k1". */
@Entity
@Table(name = "it_padded")
public class Padded {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true, columnDefinition = "char(8)")
    public String code;

    public String name;

    public Padded() {
    }

    public Padded(String code, String name) {
        this.code = code;
        this.name = name;
    }
}
