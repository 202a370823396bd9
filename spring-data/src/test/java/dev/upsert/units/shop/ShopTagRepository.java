package dev.upsert.units.shop;

import dev.upsert.spring.UpsertRepository;
import dev.upsert.units.shared.Tag;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ShopTagRepository extends JpaRepository<Tag, Long>, UpsertRepository<Tag> {
}
