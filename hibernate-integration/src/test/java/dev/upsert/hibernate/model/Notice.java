package dev.upsert.hibernate.model;

import dev.upsert.DeletedAt;
import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SQLDelete;

import java.time.Instant;

/**
 * Hibernate's delete written by hand, and the same mark mapped for a sync (@DeletedAt): a sync
 * marks, never deletes; Hibernate's queries, loads by id too, see unmarked rows only.
 */
@Entity
@Table(name = "it_notice")
@SQLDelete(sql = "update it_notice set removed_at = current_timestamp where id = ?")
@org.hibernate.annotations.SQLRestriction("removed_at is null")
public class Notice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String body;

    @DeletedAt
    public Instant removedAt;

    public Notice() {
    }

    public Notice(String code, String body) {
        this.code = code;
        this.body = body;
    }
}
