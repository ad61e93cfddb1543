package org.mhpathway.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code /api/partners}: what an administrator of the partner directory sees, and what everyone else gets. */
class PartnerDirectoryApiTest extends PartnerApiTestSupport {

    private static final String SIGNING_SECRET = "a-signing-secret-of-at-least-32-characters";

    @Test
    void administratorAddsAPartnerThenReplacesIt() throws Exception {
        String id = newId("derby-cmht");
        ObjectNode body = partner("Derby City Community Mental Health Team", "community-mh-team", "QJ2")
                .put("odsCode", "rxm");

        putPartner(id, body).andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/partners/" + id))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value("Derby City Community Mental Health Team"))
                .andExpect(jsonPath("$.role").value("community-mh-team"))
                .andExpect(jsonPath("$.odsCode").value("RXM"))
                .andExpect(jsonPath("$.ics").value("QJ2"))
                .andExpect(jsonPath("$.webhookUrl").value("https://partner.example.nhs.uk/mh-pathway/notices"))
                .andExpect(jsonPath("$.hasSigningSecret").value(true))
                .andExpect(jsonPath("$.email").value("team@example.nhs.uk"))
                .andExpect(jsonPath("$.emailSecure").value(true))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.hasCredential").value(false))
                .andExpect(jsonPath("$.createdAt").value(T0.toString()))
                .andExpect(jsonPath("$.updatedAt").value(T0.toString()));

        later(Duration.ofHours(1));
        body.put("name", "Derby City CMHT (North)").remove(List.of("webhookUrl", "signingSecret"));
        body.put("emailSecure", false);
        putPartner(id, body).andExpect(status().isOk())
                .andExpect(header().doesNotExist(HttpHeaders.LOCATION))
                .andExpect(jsonPath("$.name").value("Derby City CMHT (North)"));

        mvc.perform(asAdmin(get("/api/partners/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Derby City CMHT (North)"))
                .andExpect(jsonPath("$.webhookUrl").isEmpty())
                .andExpect(jsonPath("$.hasSigningSecret").value(false))
                .andExpect(jsonPath("$.emailSecure").value(false))
                .andExpect(jsonPath("$.createdAt").value(T0.toString()))
                .andExpect(jsonPath("$.updatedAt").value(now().toString()));
        Partner stored = directory.find(id).orElseThrow();
        assertThat(stored.signingSecret()).isNull();
        assertThat(stored.webhookUrl()).isNull();
    }

    @Test
    void listShowsActivePartnersOfOneIcsAndRole() throws Exception {
        String first = addPartner(newId("notts-cmht"), "community-mh-team", "QT1");
        String second = addPartner(newId("notts-cmht"), "community-mh-team", "QT1");
        String retired = addPartner(newId("notts-cmht"), "community-mh-team", "QT1");
        String crisis = addPartner(newId("notts-crisis"), "crisis-team", "QT1");
        String elsewhere = addPartner(newId("blmk-cmht"), "community-mh-team", "QHG");
        mvc.perform(asAdmin(delete("/api/partners/" + retired))).andExpect(status().isOk());

        mvc.perform(asAdmin(get("/api/partners").param("ics", "QT1").param("role", "community-mh-team")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItems(first, second)))
                .andExpect(jsonPath("$[*].id", not(hasItem(retired))))
                .andExpect(jsonPath("$[*].id", not(hasItem(crisis))))
                .andExpect(jsonPath("$[*].id", not(hasItem(elsewhere))))
                .andExpect(jsonPath("$[*].ics", everyItem(is("QT1"))))
                .andExpect(jsonPath("$[*].role", everyItem(is("community-mh-team"))))
                .andExpect(jsonPath("$[*].active", everyItem(is(true))));

        mvc.perform(asAdmin(get("/api/partners").param("ics", "QT1").param("role", "community-mh-team")
                        .param("includeInactive", "true")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItems(first, second, retired)));

        mvc.perform(asAdmin(get("/api/partners"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItems(first, second, crisis, elsewhere)))
                .andExpect(jsonPath("$[*].id", not(hasItem(retired))));
    }

    @Test
    void badListFiltersAreNamed() throws Exception {
        mvc.perform(asAdmin(get("/api/partners").param("ics", "QXX").param("role", "nurse")
                        .param("includeInactive", "perhaps")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("ics", "role", "includeInactive")));
    }

    @Test
    void deletingDeactivatesAndKeepsThePartner() throws Exception {
        String id = addPartner(newId("derby-housing"), "housing-authority", "QJ2");

        mvc.perform(asAdmin(delete("/api/partners/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.active").value(false));

        mvc.perform(asAdmin(get("/api/partners/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.name").value("Test housing-authority " + id));
        assertThat(directory.find(id).orElseThrow().signingSecret()).isEqualTo(SIGNING_SECRET);
        assertThat(directory.list("QJ2", PartnerRole.HOUSING_AUTHORITY, false)).extracting(Partner::id)
                .doesNotContain(id);
        // deleting again changes nothing
        mvc.perform(asAdmin(delete("/api/partners/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false));
    }

    @Test
    void credentialIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        String id = addPartner(newId("derby-crisis"), "crisis-team", "QJ2");

        MvcResult issued = mvc.perform(asAdmin(post("/api/partners/" + id + "/credential")))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.partnerId").value(id))
                .andExpect(jsonPath("$.issuedAt").value(T0.toString()))
                .andReturn();
        String secret = json.readTree(issued.getResponse().getContentAsString()).get("credential").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);

        String hash = directory.credentialHash(id).orElseThrow();
        assertThat(hash).isNotEqualTo(secret).doesNotContain(secret).startsWith("$2");
        assertThat(credentials.authenticate(id, secret)).map(Partner::id).contains(id);
        assertThat(credentials.authenticate(id, secret + "x")).isEmpty();

        String shown = mvc.perform(asAdmin(get("/api/partners/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.hasCredential").value(true))
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).doesNotContain(secret).doesNotContain(hash).doesNotContain("credentialHash");

        String replacement = json.readTree(mvc.perform(asAdmin(post("/api/partners/" + id + "/credential")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("credential").asText();
        assertThat(replacement).isNotEqualTo(secret);
        assertThat(credentials.authenticate(id, replacement)).isPresent();
        assertThat(credentials.authenticate(id, secret)).as("the earlier credential stops working").isEmpty();

        // replacing the partner keeps its credential
        putPartner(id, partner("Derby crisis team, renamed", "crisis-team", "QJ2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.hasCredential").value(true));
        assertThat(credentials.authenticate(id, replacement)).isPresent();
    }

    @Test
    void secretsNeverLeaveTheDirectory() throws Exception {
        String id = addPartner(newId("derby-la"), "local-authority", "QJ2");
        String secret = json.readTree(mvc.perform(asAdmin(post("/api/partners/" + id + "/credential")))
                .andReturn().getResponse().getContentAsString()).get("credential").asText();
        String hash = directory.credentialHash(id).orElseThrow();

        List<String> answers = new ArrayList<>();
        answers.add(putPartner(id, partner("Derby City Council Adult Social Care", "local-authority", "QJ2"))
                .andReturn().getResponse().getContentAsString());
        answers.add(mvc.perform(asAdmin(get("/api/partners/" + id))).andReturn().getResponse().getContentAsString());
        answers.add(mvc.perform(asAdmin(get("/api/partners").param("includeInactive", "true")))
                .andReturn().getResponse().getContentAsString());
        answers.add(mvc.perform(asAdmin(delete("/api/partners/" + id))).andReturn().getResponse().getContentAsString());

        assertThat(answers).allSatisfy(answer -> assertThat(answer)
                .contains(id)
                .doesNotContain(SIGNING_SECRET).doesNotContain("signingSecret")
                .doesNotContain(secret).doesNotContain(hash).doesNotContain("credentialHash"));
        assertThat(directory.find(id).orElseThrow().signingSecret()).isEqualTo(SIGNING_SECRET);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("name", null),
                Arguments.of("name", " "),
                Arguments.of("name", "x".repeat(201)),
                Arguments.of("role", null),
                Arguments.of("role", "nurse"),
                Arguments.of("role", "Community-MH-Team"),
                Arguments.of("odsCode", "R!M"),
                Arguments.of("odsCode", "TOOLONGCODE1"),
                Arguments.of("ics", null),
                Arguments.of("ics", "QXX"),
                Arguments.of("webhookUrl", "ftp://partner.example.nhs.uk/notices"),
                Arguments.of("webhookUrl", "/relative/path"),
                Arguments.of("webhookUrl", "https://"),
                Arguments.of("webhookUrl", "not a url"),
                Arguments.of("webhookUrl", "https://user:password@partner.example.nhs.uk/notices"),
                Arguments.of("signingSecret", null),
                Arguments.of("signingSecret", "too-short-a-secret"),
                Arguments.of("email", "not-an-address"),
                Arguments.of("email", "team@example"),
                Arguments.of("email", "two@at@example.nhs.uk"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void badFieldIsNamedAndNothingIsRecorded(String field, String value) throws Exception {
        ObjectNode body = partner("Bedford CMHT", "community-mh-team", "QHG");
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        String id = newId("bad");

        putPartner(id, body).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains(field)));

        assertThat(directory.find(id)).isEmpty();
    }

    @Test
    void gpPracticeNeedsItsPracticeCode() throws Exception {
        ObjectNode gp = partner("Wellbrook Medical Practice", "gp-practice", "QJ2");
        putPartner(newId("gp"), gp).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("odsCode")))
                .andExpect(jsonPath("$.errors[0].message").value("is required for a gp-practice: referrals find the practice by it"));
        putPartner(newId("gp"), gp.put("odsCode", "RXM")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("odsCode")));
        putPartner(newId("gp"), gp.put("odsCode", " c81999 ")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.odsCode").value("C81999"));
    }

    @Test
    void secureEmailNeedsAnAddressAndPartnersMayHaveNoChannelYet() throws Exception {
        ObjectNode body = partner("Luton advocacy", "vcse-advocacy", "QHG");
        body.remove(List.of("webhookUrl", "signingSecret", "email"));
        putPartner(newId("advocacy"), body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("emailSecure")));

        body.remove("emailSecure");
        body.remove("active");
        putPartner(newId("advocacy"), body).andExpect(status().isCreated())
                .andExpect(jsonPath("$.emailSecure").value(false))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.hasSigningSecret").value(false));
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() throws Exception {
        String id = "-" + newId("bad");
        putPartner(id, json.createObjectNode().put("role", "nurse").put("webhookUrl", "mailto:team@example.nhs.uk")
                        .put("email", "nobody"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid partner"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("id", "name", "role", "ics", "webhookUrl",
                        "signingSecret", "email")));
        assertThat(directory.find(id)).isEmpty();
    }

    @Test
    void valueOfTheWrongTypeAndMissingBodyAreNamed() throws Exception {
        putPartner(newId("bad"), partner("Bedford CMHT", "community-mh-team", "QHG").put("emailSecure", "perhaps"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("emailSecure"));
        mvc.perform(asAdmin(put("/api/partners/" + newId("bad"))).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void unknownPartnerIsNotFound() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(get("/api/partners/no-such-partner"),
                delete("/api/partners/no-such-partner"), post("/api/partners/no-such-partner/credential"))) {
            mvc.perform(asAdmin(request)).andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:not-found"))
                    .andExpect(jsonPath("$.errors[0].field").value("id"));
        }
        assertThat(directory.find("no-such-partner")).isEmpty();
    }

    /** Every partner directory call, with what it would change. */
    Stream<MockHttpServletRequestBuilder> everyCall(String existingId, String newId) {
        return Stream.of(
                get("/api/partners"),
                get("/api/partners/" + existingId),
                put("/api/partners/" + newId).contentType(MediaType.APPLICATION_JSON)
                        .content(partner("Intruder", "community-mh-team", "QJ2").toString()),
                post("/api/partners/" + existingId + "/credential"),
                delete("/api/partners/" + existingId));
    }

    @Test
    void withoutCredentialsEveryCallIsRefusedWithAChallenge() throws Exception {
        String existing = addPartner(newId("derby-icb"), "commissioner", "QJ2");
        String notAdded = newId("intruder");
        for (MockHttpServletRequestBuilder request : everyCall(existing, notAdded).toList()) {
            mvc.perform(request.with(org.mhpathway.ApiTestUsers.anonymous())).andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mh-pathway\""))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:unauthorized"))
                    .andExpect(jsonPath("$.errors[0].field").value("Authorization"));
        }
        assertUnchanged(existing, notAdded);
    }

    @Test
    void wrongOrUnreadableCredentialsAreRefused() throws Exception {
        String other = "partnersadmin2";
        user(other, "the right password", "camunda-admin");
        for (String authorization : List.of(basic(other, "the wrong password"), basic("nobodybythisname", "x"),
                basic("", ""), "Basic not-base64!", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "no-colon".getBytes()), "Bearer " + ADMIN_PASSWORD)) {
            mvc.perform(get("/api/partners").header(HttpHeaders.AUTHORIZATION, authorization))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mh-pathway\""))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:unauthorized"));
        }
    }

    @Test
    void userWhoIsNotAnAdministratorIsForbidden() throws Exception {
        String existing = addPartner(newId("notts-icb"), "commissioner", "QT1");
        String notAdded = newId("intruder");
        for (MockHttpServletRequestBuilder request : everyCall(existing, notAdded).toList()) {
            mvc.perform(request.header(HttpHeaders.AUTHORIZATION, basic(NURSE, NURSE_PASSWORD)))
                    .andExpect(status().isForbidden())
                    .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403))
                    .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:forbidden"));
        }
        assertUnchanged(existing, notAdded);
    }

    private void assertUnchanged(String existing, String notAdded) {
        assertThat(directory.find(notAdded)).isEmpty();
        assertThat(directory.find(existing).orElseThrow().active()).isTrue();
        assertThat(directory.credentialHash(existing)).isEmpty();
    }

    /** The demo profile's seed passes the API's checks and gives every ICS every role, and the demo patients their GP. */
    @Test
    void demoPartnersAreValidAndCoverEveryRoleInEveryIcs() throws Exception {
        JsonNode seed;
        try (InputStream in = new ClassPathResource("demo/partners.json").getInputStream()) {
            // as the demo loads it: the webhooks go to the service's own demo inbox
            seed = json.readTree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("{serviceUrl}", "http://localhost:8080"));
        }
        Set<String> ids = new HashSet<>();
        Set<String> icsAndRole = new HashSet<>();
        for (JsonNode entry : seed) {
            Partner p = administration.validate(entry.get("id").asText(),
                    json.treeToValue(entry, PartnerRequest.class), null);
            assertThat(ids.add(p.id())).as("id %s is unique", p.id()).isTrue();
            icsAndRole.add(p.ics() + " " + p.role().code());
            assertThat(p.hasChannel()).as("%s has a channel", p.id()).isTrue();
            // no e-mail in the demo: nothing may leave the machine
            assertThat(p.email()).isNull();
            assertThat(p.webhookUrl()).isEqualTo("http://localhost:8080/demo/partner-inbox/" + p.id());
            assertThat(entry.has("credential") || entry.has("credentialHash")).isFalse();
        }
        for (String ics : List.of("QJ2", "QT1", "QHG")) {
            for (String role : List.of("community-mh-team", "crisis-team", "local-authority", "housing-authority",
                    "vcse-advocacy", "commissioner")) {
                assertThat(icsAndRole).contains(ics + " " + role);
            }
        }
        assertThat(seed.findValuesAsText("odsCode")).contains("C81001");
        assertThat(icsAndRole).contains("QJ2 gp-practice");
    }
}
