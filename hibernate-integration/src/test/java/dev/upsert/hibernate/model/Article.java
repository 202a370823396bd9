package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** Basic arrays, which Hibernate maps to the database's array type (PostgreSQL, H2) or to JSON or bytes elsewhere. */
@Entity
@Table(name = "it_article")
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String slug;

    public String[] tags;

    public List<Integer> ratings;

    public Article() {
    }

    public Article(String slug, List<Integer> ratings, String... tags) {
        this.slug = slug;
        this.tags = tags;
        this.ratings = ratings;
    }
}
