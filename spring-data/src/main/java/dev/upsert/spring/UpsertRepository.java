package dev.upsert.spring;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring Data repository fragment that adds bulk upserts by natural key. Extend it next to the
 * repository you have; nothing else is needed:
 *
 * <pre>{@code
 * interface CustomerRepository extends JpaRepository<Customer, Long>, UpsertRepository<Customer> {}
 *
 * UpsertResult r = customers.upsertAll(extract);
 * }</pre>
 *
 * Each call joins the surrounding transaction or opens one, under the repository's own transaction
 * manager, and runs on the repository's {@code EntityManager}. A call without options takes the
 * application's defaults (the {@code upsert.*} properties, or its own {@code UpsertOptions} bean);
 * options passed replace them whole.
 *
 * @param <T> the repository's entity type
 */
public interface UpsertRepository<T> {

    /** Upserts with the application's default options ({@code upsert.*} properties). */
    @Transactional
    UpsertResult upsertAll(Iterable<? extends T> entities);

    /** Upserts with these options; see {@link dev.upsert.hibernate.UpsertSession#upsertAll}. */
    @Transactional
    UpsertResult upsertAll(Iterable<? extends T> entities, UpsertOptions options);
}
