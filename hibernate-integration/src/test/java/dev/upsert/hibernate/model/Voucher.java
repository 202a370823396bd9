package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A TABLE_PER_CLASS hierarchy: a concrete type with a subtype, each in a table of its own, ids from one sequence. */
@Entity
@Table(name = "it_voucher", indexes = @Index(name = "it_voucher_code", columnList = "code", unique = true))
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
public class Voucher {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "it_voucher_seq")
    @SequenceGenerator(name = "it_voucher_seq", sequenceName = "it_voucher_seq")
    public Long id;

    @NaturalKey
    public String code;

    @Column(precision = 12, scale = 2)
    public BigDecimal amount;

    public Voucher() {
    }

    public Voucher(String code, String amount) {
        this.code = code;
        this.amount = new BigDecimal(amount);
    }

    @Entity
    @Table(name = "it_gift_voucher", indexes = @Index(name = "it_gift_voucher_code", columnList = "code", unique = true))
    public static class Gift extends Voucher {
        public String recipient;

        public Gift() {
        }

        public Gift(String code, String amount, String recipient) {
            super(code, amount);
            this.recipient = recipient;
        }
    }
}
