package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SQLDelete;
import org.hibernate.annotations.SQLRestriction;

/** A soft delete written by hand, as many applications do: Hibernate's delete closes the row, and its queries skip closed rows. */
@Entity
@Table(name = "it_issue")
@SQLDelete(sql = "update it_issue set closed = true where id = ?")
@SQLRestriction("closed = false")
public class Issue {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String title;

    public boolean closed;

    public Issue() {
    }

    public Issue(String code, String title) {
        this.code = code;
        this.title = title;
    }
}
