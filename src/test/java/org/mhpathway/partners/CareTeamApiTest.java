package org.mhpathway.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/pathways/{id}/care-team} and the {@code careTeam} of the pathway view: set from the directory at
 * referral, then edited by clinicians (no administrator credentials).
 */
class CareTeamApiTest extends PartnerApiTestSupport {

    /** The roles an ICS fills by default, in the order the API lists them after the GP practice. */
    private static final List<String> ICS_ROLES = List.of("community-mh-team", "crisis-team", "local-authority",
            "housing-authority", "vcse-advocacy", "commissioner");

    @Autowired CareTeam careTeam;

    private String gpPracticeCode;
    /** role code → id of the partner this test added for it in QHG (the GP practice is in QJ2). */
    private final Map<String, String> team = new LinkedHashMap<>();

    /**
     * A full care team for Bedfordshire, Luton and Milton Keynes. An ICS's default for a role is its active
     * partner that sorts first by id; ids beginning with '0' come before any partner other tests have left
     * active in the shared directory.
     */
    @BeforeEach
    void directory() throws Exception {
        gpPracticeCode = newPracticeCode();
        team.put("gp-practice", addPartner(newId("0-gp"), partner("Riverside Surgery", "gp-practice", "QJ2")
                .put("odsCode", gpPracticeCode)));
        for (String role : ICS_ROLES) {
            team.put(role, addPartner(newId("0-blmk-" + role), partner("BLMK " + role, role, "QHG")));
        }
    }

    private String referToBlmk() throws Exception {
        String body = json.createObjectNode().put("nhsNumber", newNhsNumber()).put("dateOfBirth", "1990-04-01")
                .put("learningDisabilityOrAutism", false).put("wardType", "adult-acute").put("homeIcs", "QHG")
                .put("gpPracticeCode", gpPracticeCode.toLowerCase()).put("referralSource", "crisis-team").toString();
        String answer = mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("pathwayId").asText();
    }

    private ResultActions assign(String pathwayId, String role, String body) throws Exception {
        return mvc.perform(put("/api/pathways/" + pathwayId + "/care-team/" + role)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String partnerIdBody(String partnerId) {
        return json.createObjectNode().put("partnerId", partnerId).toString();
    }

    private String careTeamOf(String pathwayId) throws Exception {
        return mvc.perform(get("/api/pathways/" + pathwayId + "/care-team")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void careTeamIsSetAtReferralFromTheDirectory() throws Exception {
        // sorts before this test's QHG team, but serves another ICS
        addPartner(newId("0-0-notts"), "community-mh-team", "QT1");

        String pathwayId = referToBlmk();

        ResultActions careTeam = mvc.perform(get("/api/pathways/" + pathwayId + "/care-team")).andExpect(status().isOk());
        for (Map.Entry<String, String> member : team.entrySet()) {
            careTeam.andExpect(jsonPath("$['" + member.getKey() + "'].partnerId").value(member.getValue()))
                    .andExpect(jsonPath("$['" + member.getKey() + "'].active").value(true))
                    .andExpect(jsonPath("$['" + member.getKey() + "'].assignedAt").value(T0.toString()));
        }
        careTeam.andExpect(jsonPath("$['gp-practice'].odsCode").value(gpPracticeCode))
                .andExpect(jsonPath("$['gp-practice'].ics").value("QJ2"))
                .andExpect(jsonPath("$['gp-practice'].name").value("Riverside Surgery"));

        mvc.perform(get("/api/pathways/" + pathwayId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.careTeam[*].role", contains(team.keySet().toArray())))
                .andExpect(jsonPath("$.careTeam[*].partnerId", contains(team.values().toArray())))
                .andExpect(jsonPath("$.careTeam[0].name").value("Riverside Surgery"))
                .andExpect(jsonPath("$.careTeam[1].name").value("BLMK community-mh-team"));
    }

    @Test
    void clinicianChangesWhoPlaysARole() throws Exception {
        String pathwayId = referToBlmk();
        String luton = addPartner(newId("luton-cmht"), partner("Luton CMHT", "community-mh-team", "QHG"));
        later(Duration.ofHours(5));

        assign(pathwayId, "community-mh-team", partnerIdBody(luton)).andExpect(status().isOk())
                .andExpect(jsonPath("$['community-mh-team'].partnerId").value(luton))
                .andExpect(jsonPath("$['community-mh-team'].name").value("Luton CMHT"))
                .andExpect(jsonPath("$['community-mh-team'].assignedAt").value(now().toString()))
                .andExpect(jsonPath("$['crisis-team'].partnerId").value(team.get("crisis-team")));

        mvc.perform(get("/api/pathways/" + pathwayId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.careTeam[?(@.role == 'community-mh-team')].partnerId").value(luton))
                .andExpect(jsonPath("$.careTeam[?(@.role == 'community-mh-team')].name").value("Luton CMHT"))
                .andExpect(jsonPath("$.careTeam.length()").value(7));
        assertThat(careTeamMember(pathwayId, PartnerRole.COMMUNITY_MH_TEAM)).isEqualTo(luton);
    }

    private String careTeamMember(String pathwayId, PartnerRole role) {
        return careTeam.member(pathwayId, role).map(Partner::id).orElse("");
    }

    static Stream<Arguments> partnersWhoCannotPlayTheRole() {
        return Stream.of(
                Arguments.of("a crisis team", "crisis", "is a crisis-team, not a community-mh-team"),
                Arguments.of("an inactive team", "inactive", "is an inactive partner"),
                Arguments.of("an unknown id", "unknown", "is not in the partner directory"),
                Arguments.of("no id", "missing", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partnersWhoCannotPlayTheRole")
    void partnerWhoCannotPlayTheRoleIsRefusedAndNothingChanges(String description, String which, String message)
            throws Exception {
        String pathwayId = referToBlmk();
        String body = switch (which) {
            case "crisis" -> partnerIdBody(team.get("crisis-team"));
            case "inactive" -> {
                String retired = addPartner(newId("retired-cmht"), "community-mh-team", "QHG");
                mvc.perform(asAdmin(delete("/api/partners/" + retired))).andExpect(status().isOk());
                yield partnerIdBody(retired);
            }
            case "unknown" -> partnerIdBody("no-such-partner");
            default -> "{}";
        };
        String before = careTeamOf(pathwayId);

        assign(pathwayId, "community-mh-team", body).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains("partnerId")))
                .andExpect(jsonPath("$.errors[0].message").value(message));

        assertThat(careTeamOf(pathwayId)).isEqualTo(before);
        assertThat(careTeamMember(pathwayId, PartnerRole.COMMUNITY_MH_TEAM)).isEqualTo(team.get("community-mh-team"));
    }

    @Test
    void unknownRoleIsNamed() throws Exception {
        String pathwayId = referToBlmk();
        String before = careTeamOf(pathwayId);

        assign(pathwayId, "nurse", partnerIdBody(team.get("community-mh-team"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("role")));
        assign(pathwayId, "nurse", "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("role", "partnerId")));
        mvc.perform(delete("/api/pathways/" + pathwayId + "/care-team/nurse")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("role")));

        assertThat(careTeamOf(pathwayId)).isEqualTo(before);
    }

    @Test
    void unknownPathwayIsNotFound() throws Exception {
        String unknown = "/api/pathways/MHP-0000-0000/care-team";
        for (ResultActions answer : List.of(mvc.perform(get(unknown)),
                assign("MHP-0000-0000", "community-mh-team", partnerIdBody(team.get("community-mh-team"))),
                mvc.perform(delete(unknown + "/community-mh-team")))) {
            answer.andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("pathwayId"));
        }
    }

    @Test
    void removingARoleLeavesItEmpty() throws Exception {
        String pathwayId = referToBlmk();

        mvc.perform(delete("/api/pathways/" + pathwayId + "/care-team/housing-authority")).andExpect(status().isOk())
                .andExpect(jsonPath("$['housing-authority']").value(nullValue()))
                .andExpect(jsonPath("$['local-authority'].partnerId").value(team.get("local-authority")));
        mvc.perform(delete("/api/pathways/" + pathwayId + "/care-team/housing-authority")).andExpect(status().isOk());

        mvc.perform(get("/api/pathways/" + pathwayId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.careTeam.length()").value(6))
                .andExpect(jsonPath("$.careTeam[?(@.role == 'housing-authority')]").isEmpty());
        assertThat(careTeam.member(pathwayId, PartnerRole.HOUSING_AUTHORITY)).isEmpty();
    }

    @Test
    void malformedBodyIsRefused() throws Exception {
        String pathwayId = referToBlmk();
        assign(pathwayId, "community-mh-team", "{\"partnerId\": ").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(put("/api/pathways/" + pathwayId + "/care-team/community-mh-team")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void closedPathwayKeepsItsCareTeam() throws Exception {
        String pathwayId = referToBlmk();
        assessAndDecide(pathwayId, false);
        assertThat(register.find(pathwayId).orElseThrow().closedAt()).isNotNull();
        String luton = addPartner(newId("luton-cmht"), partner("Luton CMHT", "community-mh-team", "QHG"));

        assign(pathwayId, "community-mh-team", partnerIdBody(luton)).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"))
                .andExpect(jsonPath("$.errors[0].message").value("is closed"));
        mvc.perform(delete("/api/pathways/" + pathwayId + "/care-team/community-mh-team"))
                .andExpect(status().isConflict());

        mvc.perform(get("/api/pathways/" + pathwayId + "/care-team")).andExpect(status().isOk())
                .andExpect(jsonPath("$['community-mh-team'].partnerId").value(team.get("community-mh-team")));
    }

    @Test
    void deactivatedPartnerStaysWhereItServedButIsNotChosenAgain() throws Exception {
        String first = referToBlmk();
        String cmht = team.get("community-mh-team");

        mvc.perform(asAdmin(delete("/api/partners/" + cmht))).andExpect(status().isOk());

        mvc.perform(get("/api/pathways/" + first + "/care-team")).andExpect(status().isOk())
                .andExpect(jsonPath("$['community-mh-team'].partnerId").value(cmht))
                .andExpect(jsonPath("$['community-mh-team'].active").value(false));
        String second = referToBlmk();
        assertThat(careTeamMember(second, PartnerRole.COMMUNITY_MH_TEAM)).isNotEqualTo(cmht);
        assertThat(careTeamMember(second, PartnerRole.CRISIS_TEAM)).isEqualTo(team.get("crisis-team"));
    }

    @Test
    void partnerKeepsItsRoleOnceItHasHeldAPlaceInACareTeam() throws Exception {
        referToBlmk();
        String cmht = team.get("community-mh-team");

        putPartner(cmht, partner("BLMK crisis team now", "crisis-team", "QHG")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("role")));
        assertThat(directory.find(cmht).orElseThrow().role()).isEqualTo(PartnerRole.COMMUNITY_MH_TEAM);

        // a partner that has served nowhere may still be corrected
        String unused = addPartner(newId("unused"), "community-mh-team", "QHG");
        putPartner(unused, partner("Bedford crisis team", "crisis-team", "QHG")).andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("crisis-team"));
    }
}
