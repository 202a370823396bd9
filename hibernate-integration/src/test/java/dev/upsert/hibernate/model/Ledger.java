package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A table and its sequence in their own schema. */
@Entity
@Table(name = "it_ledger", schema = "upsert_it")
public class Ledger {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "it_ledger_seq")
    @SequenceGenerator(name = "it_ledger_seq", sequenceName = "it_ledger_seq", schema = "upsert_it")
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String account;

    public BigDecimal balance;

    public Ledger() {
    }

    public Ledger(String account, BigDecimal balance) {
        this.account = account;
        this.balance = balance;
    }
}
