package dev.upsert.spring;

import jakarta.persistence.EntityManager;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.jpa.repository.support.JpaEntityInformation;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.data.jpa.repository.support.JpaRepositoryFragmentsContributor;
import org.springframework.data.querydsl.EntityPathResolver;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryComposition.RepositoryFragments;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each {@link UpsertRepository}'s own {@code EntityManager}: the one Spring Data builds the
 * repository with (its {@code entityManagerFactoryRef}'s), recorded as each repository's factory
 * composes it. Registered by {@link UpsertAutoConfiguration}; without it the fragment finds the
 * {@code EntityManager} by entity type, which fails for an entity of several persistence units.
 */
public final class RepositoryEntityManagers implements BeanPostProcessor {

    private final Map<Class<?>, EntityManager> byRepository = new ConcurrentHashMap<>();

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof JpaRepositoryFactoryBean<?, ?, ?> factory) {
            factory.setRepositoryFragmentsContributor(factory.getRepositoryFragmentsContributor().andThen(new Recorder()));
        }
        return bean;
    }

    /** The repository's {@code EntityManager}, or null where it was not recorded. */
    EntityManager of(Class<?> repository) {
        return byRepository.get(repository);
    }

    /** Contributes no fragment: it only sees which {@code EntityManager} the repository gets. */
    private final class Recorder implements JpaRepositoryFragmentsContributor {

        @Override
        public RepositoryFragments contribute(RepositoryMetadata metadata, JpaEntityInformation<?, ?> entity,
                                              EntityManager entityManager, EntityPathResolver resolver) {
            if (UpsertRepository.class.isAssignableFrom(metadata.getRepositoryInterface())) {
                byRepository.put(metadata.getRepositoryInterface(), entityManager);
            }
            return RepositoryFragments.empty();
        }

        @Override
        public RepositoryFragments describe(RepositoryMetadata metadata) {
            return RepositoryFragments.empty();
        }
    }
}
