package dev.upsert.units.shop;

import dev.upsert.spring.UpsertRepository;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ShelfRepository extends JpaRepository<Shelf, Long>, UpsertRepository<Shelf> {
}
