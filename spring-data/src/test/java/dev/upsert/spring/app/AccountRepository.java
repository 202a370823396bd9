package dev.upsert.spring.app;

import dev.upsert.spring.UpsertRepository;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

/** What a user writes: the repository they have, plus {@link UpsertRepository}. */
public interface AccountRepository extends JpaRepository<Account, Long>, UpsertRepository<Account> {

    Optional<Account> findByNumber(String number);
}
