package dev.upsert.units.ledger;

import dev.upsert.spring.UpsertRepository;
import dev.upsert.units.shared.Tag;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LedgerTagRepository extends JpaRepository<Tag, Long>, UpsertRepository<Tag> {
}
