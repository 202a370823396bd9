package dev.upsert.hibernate.model;

import dev.upsert.Active;
import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Soft-deleted by an active flag. */
@Entity
@Table(name = "it_member")
public class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String login;

    @Active
    public Boolean active;

    public Member() {
    }

    public Member(String login) {
        this.login = login;
    }
}
