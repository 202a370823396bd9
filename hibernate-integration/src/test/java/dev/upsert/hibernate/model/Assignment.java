package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A many-to-one through a join table: to Hibernate an optional secondary table holding the reference. */
@Entity
@Table(name = "it_assignment", indexes = @Index(name = "it_assignment_code", columnList = "code", unique = true))
public class Assignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String code;

    @ManyToOne
    @JoinTable(name = "it_assignment_owner", joinColumns = @JoinColumn(name = "assignment_id"),
            inverseJoinColumns = @JoinColumn(name = "owner_id"))
    public Customer owner;

    public Assignment() {
    }

    public Assignment(String code, Customer owner) {
        this.code = code;
        this.owner = owner;
    }
}
