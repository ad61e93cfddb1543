package org.mhpathway.partners;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mhpathway.ProcessTestCase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What the partner and care team API tests share: an administrator and a ward nurse in Camunda's identity
 * service, and partners added through the API. The directory lives in the database every process test shares,
 * so each partner a test adds is deactivated after it and never becomes another test's default.
 */
abstract class PartnerApiTestSupport extends ProcessTestCase {

    static final String ADMIN = "partnersadmin";
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final String NURSE = "wardnurse";
    static final String NURSE_PASSWORD = "nurse-password-1";

    private static int nextId = 1;
    private static int nextOdsCode = 90001;

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired IdentityService identity;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerAdministration administration;
    @Autowired PartnerCredentials credentials;

    private final List<String> added = new ArrayList<>();

    @BeforeEach
    void users() {
        user(ADMIN, ADMIN_PASSWORD, Groups.CAMUNDA_ADMIN);
        user(NURSE, NURSE_PASSWORD, "ward-clinicians");
    }

    @AfterEach
    void deactivateAddedPartners() {
        added.stream().filter(id -> directory.find(id).isPresent()).forEach(administration::deactivate);
        added.clear();
    }

    void user(String id, String password, String groupId) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(groupId);
            group.setType(Groups.CAMUNDA_ADMIN.equals(groupId) ? Groups.GROUP_TYPE_SYSTEM : "WORKFLOW");
            identity.saveGroup(group);
        }
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, groupId);
            if (!Groups.CAMUNDA_ADMIN.equals(groupId)) {
                identity.createTenantQuery().list().forEach(t -> identity.createTenantUserMembership(t.getId(), id));
            }
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The request, sent as the administrator. */
    static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, basic(ADMIN, ADMIN_PASSWORD));
    }

    /** A new partner id, unique in this run. */
    static synchronized String newId(String what) {
        return what + "-" + nextId++;
    }

    /** A GP practice code (a letter and five digits) that no other partner has. */
    static synchronized String newPracticeCode() {
        return "Y" + nextOdsCode++;
    }

    /** A valid body for {@code PUT /api/partners/{id}}, with both channels. */
    ObjectNode partner(String name, String role, String ics) {
        return json.createObjectNode()
                .put("name", name)
                .put("role", role)
                .put("ics", ics)
                .put("webhookUrl", "https://partner.example.nhs.uk/mh-pathway/notices")
                .put("signingSecret", "a-signing-secret-of-at-least-32-characters")
                .put("email", "team@example.nhs.uk")
                .put("emailSecure", true)
                .put("active", true);
    }

    ResultActions putPartner(String id, ObjectNode body) throws Exception {
        if (!added.contains(id)) {
            added.add(id);
        }
        return mvc.perform(asAdmin(put("/api/partners/" + id)).contentType(MediaType.APPLICATION_JSON)
                .content(body.toString()));
    }

    /** Adds a partner through the API and returns its id. */
    String addPartner(String id, ObjectNode body) throws Exception {
        putPartner(id, body).andExpect(status().isCreated());
        return id;
    }

    String addPartner(String id, String role, String ics) throws Exception {
        ObjectNode body = partner("Test " + role + " " + id, role, ics);
        if (PartnerRole.GP_PRACTICE.code().equals(role)) {
            body.put("odsCode", newPracticeCode());
        }
        return addPartner(id, body);
    }
}
