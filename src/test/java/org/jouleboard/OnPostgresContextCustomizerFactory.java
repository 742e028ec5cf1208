package org.jouleboard;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Points the contexts of {@link OnPostgres} test classes at a fresh PostgreSQL database (spring.factories). */
class OnPostgresContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                        .isPresent(OnPostgres.class)
                ? new OnPostgresCustomizer()
                : null;
    }

    /** All equal: PostgreSQL test classes with the same configuration otherwise share a cached context. */
    private static final class OnPostgresCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "postgresql-test-database", PostgresServer.shared().springProperties()));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OnPostgresCustomizer;
        }

        @Override
        public int hashCode() {
            return OnPostgresCustomizer.class.hashCode();
        }
    }
}
