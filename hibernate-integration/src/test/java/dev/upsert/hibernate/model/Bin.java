package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A child keyed by its parent and a label; another many-to-one as plain data. */
@Entity
@Table(name = "it_bin", uniqueConstraints = @UniqueConstraint(columnNames = {"warehouse_id", "label"}))
public class Bin {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Warehouse warehouse;

    @NaturalKey
    public String label;

    public int capacity;

    @ManyToOne(fetch = FetchType.LAZY)
    public Warehouse overflow;

    public Bin() {
    }

    public Bin(Warehouse warehouse, String label, int capacity, Warehouse overflow) {
        this.warehouse = warehouse;
        this.label = label;
        this.capacity = capacity;
        this.overflow = overflow;
    }
}
