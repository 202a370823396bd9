package dev.upsert.spring;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.Upserts;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.jpa.repository.JpaContext;
import org.springframework.data.repository.core.RepositoryMethodContext;
import org.springframework.data.repository.core.support.RepositoryMetadataAccess;

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
 * <p>The repository's domain type comes from the method context ({@link RepositoryMetadataAccess}
 * turns it on); its {@code EntityManager} is the one that manages that type, so an application
 * with several persistence units gets the right one.
 */
public class UpsertRepositoryImpl<T> implements UpsertRepository<T>, RepositoryMetadataAccess, AopInfrastructureBean {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UpsertRepositoryImpl.class);

    private final JpaContext jpa;
    private final ObjectProvider<UpsertOptions> defaults;

    /** Made by Spring Data for each repository, with the application's default options. */
    public UpsertRepositoryImpl(JpaContext jpa, ObjectProvider<UpsertOptions> defaults) {
        this.jpa = jpa;
        this.defaults = defaults;
    }

    @Override
    public UpsertResult upsertAll(Iterable<? extends T> entities) {
        // The application's defaults may set retries for its calls outside repositories.
        return upsert(entities, withoutRetries(defaults.getIfAvailable(UpsertOptions::defaults)));
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
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) RepositoryMethodContext.getContext().getMetadata().getDomainType();
        return Upserts.upsertAll(jpa.getEntityManagerByManagedType(type), type, collection(entities), options);
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
