package dev.upsert.spring;

import dev.upsert.UpsertException;
import dev.upsert.UpsertOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * The default {@link UpsertOptions} of {@link UpsertRepository} calls, from the {@code upsert.*}
 * properties; an application's own {@code UpsertOptions} bean replaces it.
 */
@AutoConfiguration
@EnableConfigurationProperties(UpsertProperties.class)
public class UpsertAutoConfiguration {

    /** Which {@code EntityManager} each repository has, for its upserts to run on. */
    @Bean
    @ConditionalOnMissingBean
    static RepositoryEntityManagers upsertRepositoryEntityManagers() {
        return new RepositoryEntityManagers();
    }

    /**
     * The library's mapping and schema errors ({@link UpsertException}) as Spring's data access
     * exceptions, where repositories translate theirs: {@code InvalidDataAccessResourceUsageException}.
     */
    @Bean
    static PersistenceExceptionTranslator upsertExceptionTranslator() {
        return failure -> failure instanceof UpsertException upsert
                ? new InvalidDataAccessResourceUsageException(upsert.getMessage(), upsert) : null;
    }

    /** The options the {@code upsert.*} properties set, unless the application defines its own. */
    @Bean
    @ConditionalOnMissingBean
    public UpsertOptions upsertOptions(UpsertProperties properties) {
        return properties.toOptions();
    }
}
