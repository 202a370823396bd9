package dev.upsert.units.shop;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The first persistence unit's entity, on PostgreSQL. */
@Entity
@Table(name = "pu_shelf")
public class Shelf {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true, nullable = false)
    public String code;

    public int slots;

    protected Shelf() {
    }

    public Shelf(String code, int slots) {
        this.code = code;
        this.slots = slots;
    }
}
