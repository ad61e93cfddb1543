package org.mhpathway.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Outside the demo profile, a database that still holds the demo's users with their published passwords (each user's
 * password is its id, the administrator's {@code demo}) is refused: the service stops before it serves anyone, and
 * says why and what to do. Such a database was laid out by the demo (before the demo kept its own files in
 * {@code ./data/demo}, both used {@code ./data}); started on it without the demo, {@code demo}/{@code demo} would be an
 * administrator of a real installation, and the configured administrator would never be created because one exists.
 *
 * <p>Checked as soon as the engine is built, before the job executor, the web server or anything else starts. The
 * passwords are compared with the stored hashes directly: asking the engine to check them would count as failed logins
 * against a real user who happens to be called {@code manager}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!demo")
public class DemoUsersOutsideTheDemo {

    /**
     * The demo's users (the administrator first), each with its id as its published password. Kept here, in the
     * production jar, which does not carry the demo; the demo creates exactly these ({@code DemoUsersTest}).
     */
    public static final List<String> DEMO_USERS = List.of("demo", "clinician", "bedmanager", "hub", "housing", "cmht",
            "manager", "nottsclinician");

    @Bean
    static ProcessEnginePlugin refuseDemoUsersOutsideTheDemo() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void postProcessEngineBuild(ProcessEngine engine) {
                List<String> found = demoUsersWithTheirPasswords(engine);
                if (!found.isEmpty()) {
                    throw new IllegalStateException(refusal(found));
                }
            }
        };
    }

    /** The demo's users in this database that still have the demo's published password. */
    static List<String> demoUsersWithTheirPasswords(ProcessEngine engine) {
        PasswordManager passwords = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getPasswordManager();
        List<String> found = new ArrayList<>();
        DEMO_USERS.forEach(id -> {
            User user = engine.getIdentityService().createUserQuery().userId(id).singleResult();
            if (user instanceof UserEntity stored && stored.getPassword() != null
                    && passwords.check(EncryptionUtil.saltPassword(id, stored.getSalt()), stored.getPassword())) {
                found.add(id);
            }
        });
        return found;
    }

    static String refusal(List<String> users) {
        return "Refusing to start: this database holds the demo's users with their published passwords ("
                + String.join(", ", users) + "). It was laid out by the demo profile, and outside the demo anyone who"
                + " has read the README could log in as them. Either run the demo with its profile"
                + " (./mvnw spring-boot:run: the demo is not in the service's jar), or give this installation a database"
                + " of its own (DB_URL, or move ./data/mh-pathway aside), or keep this database by starting it once"
                + " with the demo profile and deleting those users, or changing their passwords, in Camunda Admin.";
    }
}
