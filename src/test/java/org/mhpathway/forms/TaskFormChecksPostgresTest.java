package org.mhpathway.forms;

import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The checks of {@link TaskFormChecksTestBase} on PostgreSQL, as in production: its {@code varchar(4000)} text
 * column, its byte array table and its rollback of a refused completion.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres",
        "camunda.bpm.job-execution.enabled=false",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class TaskFormChecksPostgresTest extends TaskFormChecksTestBase {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.createFor(registry);
    }
}
