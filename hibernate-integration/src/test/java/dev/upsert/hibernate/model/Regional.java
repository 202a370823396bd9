package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DialectOverride;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.dialect.PostgreSQLDialect;

/** A restriction a dialect overrides, which the library does not resolve: a scope over it is refused. */
@Entity
@Table(name = "it_regional")
@SQLRestriction("region = 'EU'")
@DialectOverride.SQLRestriction(dialect = PostgreSQLDialect.class, override = @SQLRestriction("region <> 'US'"))
public class Regional {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String region;

    public Regional() {
    }

    public Regional(String code, String region) {
        this.code = code;
        this.region = region;
    }
}
