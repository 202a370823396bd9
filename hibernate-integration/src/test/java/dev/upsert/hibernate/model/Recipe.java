package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** An entity that owns a collection table, whose rows Hibernate's delete removes first. */
@Entity
@Table(name = "it_recipe")
public class Recipe {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    @ElementCollection
    @CollectionTable(name = "it_recipe_ingredient")
    public List<String> ingredients = new ArrayList<>();

    public Recipe() {
    }

    public Recipe(String code) {
        this.code = code;
    }
}
