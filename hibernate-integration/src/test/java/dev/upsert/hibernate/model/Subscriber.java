package dev.upsert.hibernate.model;

import dev.upsert.DeletedAt;
import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Soft-deleted by a timestamp. */
@Entity
@Table(name = "it_subscriber")
public class Subscriber {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String email;

    public String plan;

    @DeletedAt
    public Instant removedAt;

    public Subscriber() {
    }

    public Subscriber(String email, String plan) {
        this.email = email;
        this.plan = plan;
    }
}
