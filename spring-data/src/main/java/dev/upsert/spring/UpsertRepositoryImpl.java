package dev.upsert.spring;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.Upserts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.jpa.repository.JpaContext;
import org.springframework.data.repository.core.RepositoryMethodContext;
import org.springframework.data.repository.core.support.RepositoryMetadataAccess;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The implementation Spring Data attaches to every repository that extends
 * {@link UpsertRepository}, registered in {@code META-INF/spring.factories}. Fragment methods do
 * not inherit the repository's transaction settings, hence the annotation here.
 *
 * <p>The repository's domain type comes from the method context ({@link RepositoryMetadataAccess}
 * turns it on); its {@code EntityManager} is the one that manages that type, so an application
 * with several persistence units gets the right one.
 */
public class UpsertRepositoryImpl<T> implements UpsertRepository<T>, RepositoryMetadataAccess {

    private final JpaContext jpa;
    private final ObjectProvider<UpsertOptions> defaults;

    public UpsertRepositoryImpl(JpaContext jpa, ObjectProvider<UpsertOptions> defaults) {
        this.jpa = jpa;
        this.defaults = defaults;
    }

    @Override
    @Transactional
    public UpsertResult upsertAll(Iterable<? extends T> entities) {
        return upsertAll(entities, defaults.getIfAvailable(UpsertOptions::defaults));
    }

    @Override
    @Transactional
    public UpsertResult upsertAll(Iterable<? extends T> entities, UpsertOptions options) {
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
