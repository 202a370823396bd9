package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Keyed by an e-mail address in PostgreSQL's case-insensitive citext, as many accounts tables are. */
@Entity
@Table(name = "it_account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true, columnDefinition = "citext")
    public String email;

    public String name;

    public Account() {
    }

    public Account(String email, String name) {
        this.email = email;
        this.name = name;
    }
}
