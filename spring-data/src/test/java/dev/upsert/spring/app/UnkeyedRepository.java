package dev.upsert.spring.app;

import dev.upsert.spring.UpsertRepository;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UnkeyedRepository extends JpaRepository<Unkeyed, Long>, UpsertRepository<Unkeyed> {
}
