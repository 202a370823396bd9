package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A secondary table, optional as Hibernate has it by default: a row only where one of its columns holds a value. */
@Entity
@Table(name = "it_profile", indexes = @Index(name = "it_profile_handle", columnList = "handle", unique = true))
@SecondaryTable(name = "it_profile_bio", pkJoinColumns = @PrimaryKeyJoinColumn(name = "profile_id"))
public class Profile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String handle;

    public String name;

    @Column(table = "it_profile_bio")
    public String bio;

    @Column(table = "it_profile_bio")
    public String website;

    @Version
    public Integer version;

    public Profile() {
    }

    public Profile(String handle, String name, String bio, String website) {
        this.handle = handle;
        this.name = name;
        this.bio = bio;
        this.website = website;
    }
}
