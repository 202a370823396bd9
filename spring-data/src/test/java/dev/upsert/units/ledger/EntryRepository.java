package dev.upsert.units.ledger;

import dev.upsert.spring.UpsertRepository;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EntryRepository extends JpaRepository<Entry, Long>, UpsertRepository<Entry> {
}
