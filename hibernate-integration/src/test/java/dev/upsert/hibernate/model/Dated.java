package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A date of any year, up to the driver's {@code infinity} for LocalDate.MAX. */
@Entity
@Table(name = "it_dated")
public class Dated {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public LocalDate day;

    public Dated() {
    }

    public Dated(String code, LocalDate day) {
        this.code = code;
        this.day = day;
    }
}
