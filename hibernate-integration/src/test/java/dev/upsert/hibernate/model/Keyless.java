package dev.upsert.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** No natural key at all. */
@Entity
@Table(name = "it_keyless")
public class Keyless {
    @Id
    @GeneratedValue
    public Long id;

    public String label;
}
