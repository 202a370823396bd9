package dev.upsert.spring.app;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity without a natural key, which the library refuses (an UpsertException). */
@Entity
@Table(name = "sd_unkeyed")
public class Unkeyed {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String label;
}
