package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A 32-bit identity id: the sequence a burned value per existing row could exhaust. */
@Entity
@Table(name = "it_tally")
public class Tally {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public int count;

    public Tally() {
    }

    public Tally(String code, int count) {
        this.code = code;
        this.count = count;
    }
}
