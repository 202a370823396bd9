package dev.upsert.spring;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.Upserts;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.jpa.repository.JpaContext;
import jakarta.persistence.EntityManager;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.RepositoryMethodContext;
import org.springframework.data.repository.core.support.RepositoryMetadataAccess;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The implementation Spring Data attaches to every repository that extends
 * {@link UpsertRepository}, registered in {@code META-INF/spring.factories}.
 *
 * <p>The {@code @Transactional} of {@link UpsertRepository}'s methods is applied by the repository's
 * own proxy, under the transaction manager the repository is configured with. This bean is
 * therefore kept out of auto-proxying ({@link AopInfrastructureBean}): a proxy of its own would
 * open a transaction of the application's primary transaction manager as well, on another
 * persistence unit's database where there are several.
 *
 * <p>The repository and its domain type come from the method context ({@link RepositoryMetadataAccess}
 * turns it on); its {@code EntityManager} is the repository's own, as {@link RepositoryEntityManagers}
 * recorded it, else the one that manages the domain type.
 */
public class UpsertRepositoryImpl<T> implements UpsertRepository<T>, RepositoryMetadataAccess, AopInfrastructureBean {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UpsertRepositoryImpl.class);

    private final JpaContext jpa;
    private final ObjectProvider<UpsertOptions> defaults;
    private final ObjectProvider<RepositoryEntityManagers> managers;

    /** Made by Spring Data for each repository, with the application's default options. */
    public UpsertRepositoryImpl(JpaContext jpa, ObjectProvider<UpsertOptions> defaults,
                                ObjectProvider<RepositoryEntityManagers> managers) {
        this.jpa = jpa;
        this.defaults = defaults;
        this.managers = managers;
    }

    @Override
    public UpsertResult upsertAll(Iterable<? extends T> entities) {
        UpsertOptions options = defaults.getIfAvailable(UpsertOptions::defaults);
        if (options.strategy().deletes() || options.scope() != null) {
            throw new IllegalStateException("The application's UpsertOptions bean, every repository's default, sets "
                    + options.strategy() + (options.scope() != null ? " with a scope" : "") + ": a call without options"
                    + " would delete rows of any repository's table. Pass such options per call"
                    + " (upsertAll(entities, options)) and keep the bean to defaults that write only. Nothing was written.");
        }
        // The application's defaults may set retries for its calls outside repositories.
        return upsert(entities, withoutRetries(options));
    }

    @Override
    public UpsertResult upsertAll(Iterable<? extends T> entities, UpsertOptions options) {
        if (options.retries() > 0) {
            LOG.warn("retries({}) do not apply in a repository, whose methods run in the transaction it begins or joins:"
                    + " retry that transaction instead (a @Retryable around the @Transactional method)", options.retries());
        }
        return upsert(entities, withoutRetries(options));
    }

    /**
     * The repository's proxy has begun or joined a transaction before the call runs, and the
     * library retries only a call that begins its own: here retries never apply.
     */
    private static UpsertOptions withoutRetries(UpsertOptions options) {
        return options.retries() > 0 ? options.toBuilder().retries(0).build() : options;
    }

    private UpsertResult upsert(Iterable<? extends T> entities, UpsertOptions options) {
        // Joined, a read-only transaction would write on some databases (and flush the session's changes).
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("upsertAll writes, and the transaction it joined is read-only"
                    + " (@Transactional(readOnly = true)): call it in a read-write transaction. Nothing was written.");
        }
        RepositoryMetadata repository = RepositoryMethodContext.getContext().getMetadata();
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) repository.getDomainType();
        RepositoryEntityManagers recorded = managers.getIfUnique();
        EntityManager own = recorded == null ? null : recorded.of(repository.getRepositoryInterface());
        return Upserts.upsertAll(own != null ? own : jpa.getEntityManagerByManagedType(type), type, collection(entities), options);
    }

    private static <T> Collection<T> collection(Iterable<T> entities) {
        if (entities instanceof Collection<T> collection) {
            return collection;
        }
        List<T> list = new ArrayList<>();
        entities.forEach(list::add);
        return list;
    }
}
