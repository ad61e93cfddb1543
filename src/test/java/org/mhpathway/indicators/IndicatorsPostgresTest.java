package org.mhpathway.indicators;

import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.PostgresTestDatabase;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link IndicatorsApiTest} on PostgreSQL, as in production: the indicators' SQL (its {@code values}
 * tables of months and days, epoch arithmetic, the engine's own tables) must count the same on both databases.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class IndicatorsPostgresTest extends IndicatorsApiTest {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.createFor(registry);
        // IndicatorsApiTest runs without the postgres profile: Spring's own datasource settings
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.datasource.password", PostgresTestDatabase::password);
        registry.add("camunda.bpm.database.type", () -> "postgres");
    }
}
