package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A JOINED hierarchy: the root table has the id, the natural key and the version; each subtype's table its own columns. */
@Entity
@Table(name = "it_asset", indexes = @Index(name = "it_asset_tag", columnList = "tag", unique = true))
@Inheritance(strategy = InheritanceType.JOINED)
public abstract class Asset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String tag;

    public String label;

    @Version
    public Long version;

    protected Asset() {
    }

    protected Asset(String tag, String label) {
        this.tag = tag;
        this.label = label;
    }

    @Entity
    @Table(name = "it_laptop")
    public static class Laptop extends Asset {
        public String cpu;
        public Integer ram;
        /** Set by Hibernate (and the upsert) on every write of the entity, in the subtype's table. */
        @org.hibernate.annotations.UpdateTimestamp
        public java.time.LocalDateTime checkedAt;

        public Laptop() {
        }

        public Laptop(String tag, String label, String cpu, Integer ram) {
            super(tag, label);
            this.cpu = cpu;
            this.ram = ram;
        }
    }

    /** A subtype of a type with rows of its own: three tables. */
    @Entity
    @Table(name = "it_workstation")
    public static class Workstation extends Laptop {
        public String gpu;

        public Workstation() {
        }

        public Workstation(String tag, String label, String cpu, Integer ram, String gpu) {
            super(tag, label, cpu, ram);
            this.gpu = gpu;
        }
    }

    @Entity
    @Table(name = "it_phone")
    public static class Phone extends Asset {
        public String imei;

        public Phone() {
        }

        public Phone(String tag, String label, String imei) {
            super(tag, label);
            this.imei = imei;
        }
    }
}
