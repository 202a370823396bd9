package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.math.BigDecimal;

/** A single-table hierarchy: a reference is unique per kind of payment. */
@Entity
@Table(name = "it_payment", uniqueConstraints = @UniqueConstraint(columnNames = {"reference", "kind"}))
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public abstract class Payment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String reference;

    @Column(precision = 12, scale = 2)
    public BigDecimal amount;

    protected Payment() {
    }

    protected Payment(String reference, String amount) {
        this.reference = reference;
        this.amount = new BigDecimal(amount);
    }

    @Entity
    @DiscriminatorValue("CARD")
    public static class Card extends Payment {
        public String last4;

        public Card() {
        }

        public Card(String reference, String amount, String last4) {
            super(reference, amount);
            this.last4 = last4;
        }
    }

    @Entity
    @DiscriminatorValue("BANK")
    public static class Transfer extends Payment {
        public String iban;

        public Transfer() {
        }

        public Transfer(String reference, String amount, String iban) {
            super(reference, amount);
            this.iban = iban;
        }
    }
}
