package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.TenantId;

/** Rows of several tenants in one table, told apart by Hibernate's @TenantId. */
@Entity
@Table(name = "it_memo", uniqueConstraints = @UniqueConstraint(columnNames = {"tenant", "code"}))
public class Memo {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @TenantId
    public String tenant;

    @NaturalKey
    public String code;

    public String text;

    public Memo() {
    }

    public Memo(String code, String text) {
        this.code = code;
        this.text = text;
    }
}
