package org.mhpathway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.Tenant;
import org.mhpathway.access.Roles;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The API is for logged-in users only. Process tests that call it do so, unless they say otherwise, as
 * {@link #TESTER}: a user in every working group and every ICS (not an administrator). Tests of who may do what
 * send their own {@code Authorization}, or none with {@link #anonymous()}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApiTestUsers {

    public static final String TESTER = "tester";
    public static final String TESTER_PASSWORD = "tester-password-of-some-length";
    /** What the process tests' first administrator is created with (the service refuses weak ones). */
    public static final String ADMIN_PASSWORD = "test-administrator-password-1";

    /**
     * A user of a test of who may do what: in these groups and this ICS (none when null), with this password. Kept if
     * it exists already, so each test of a class may ask for the users it needs.
     */
    public static void ensureUser(IdentityService identity, String id, String password, java.util.Collection<String> groups,
                                  String ics) {
        ensureUser(identity, id, password, groups, ics == null ? java.util.List.of() : java.util.List.of(ics));
    }

    /** The same, in each of these ICSs. */
    public static void ensureUser(IdentityService identity, String id, String password, java.util.Collection<String> groups,
                                  java.util.Collection<String> icss) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User u = identity.newUser(id);
        u.setFirstName(id);
        u.setLastName("Test");
        u.setPassword(password);
        identity.saveUser(u);
        groups.forEach(g -> identity.createMembership(id, g));
        icss.forEach(ics -> identity.createTenantUserMembership(ics, id));
    }

    @Bean
    MockMvcBuilderCustomizer sendAsTester() {
        return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/")
                .header(HttpHeaders.AUTHORIZATION, basic(TESTER, TESTER_PASSWORD)));
    }

    @Bean
    TesterAccount testerAccount(IdentityService identity) {
        return new TesterAccount(identity);
    }

    /** Created once the service has its groups and ICSs. */
    static class TesterAccount {

        private final IdentityService identity;

        TesterAccount(IdentityService identity) {
            this.identity = identity;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void create() {
            if (identity.createUserQuery().userId(TESTER).count() > 0) {
                return;
            }
            User user = identity.newUser(TESTER);
            user.setFirstName("Test");
            user.setLastName("User");
            user.setPassword(TESTER_PASSWORD);
            identity.saveUser(user);
            Roles.WORKING_GROUPS.forEach(g -> identity.createMembership(TESTER, g));
            for (Tenant t : identity.createTenantQuery().list()) {
                identity.createTenantUserMembership(t.getId(), TESTER);
            }
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request with this user's credentials instead of the tester's. */
    public static RequestPostProcessor as(String user, String password) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, basic(user, password));
            return request;
        };
    }

    /** Sends the request with no credentials at all. */
    public static RequestPostProcessor anonymous() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        };
    }
}
