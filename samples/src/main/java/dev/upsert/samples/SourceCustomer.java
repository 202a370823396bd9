package dev.upsert.samples;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the source system's customer table, as the business application keeps it. */
@Entity
@Table(name = "sample_source_customer")
public class SourceCustomer {

    @Id
    @Column(name = "customer_key")
    String key;

    String system;

    String name;

    String email;

    String country;

    protected SourceCustomer() {
    }

    SourceCustomer(String system, String key, String name, String email, String country) {
        this.system = system;
        this.key = key;
        this.name = name;
        this.email = email;
        this.country = country;
    }
}
