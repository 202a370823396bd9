package dev.upsert.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "it_dog")
public class Dog extends Animal {
    public String breed;

    public Dog() {
    }

    public Dog(String tag, String breed) {
        super(tag);
        this.breed = breed;
    }
}
