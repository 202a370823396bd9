package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A table in another database of the same MariaDB server: its catalog. */
@Entity
@Table(name = "it_vault", catalog = "upsert_it")
public class Vault {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String label;

    public int items;

    public Vault() {
    }

    public Vault(String label, int items) {
        this.label = label;
        this.items = items;
    }
}
