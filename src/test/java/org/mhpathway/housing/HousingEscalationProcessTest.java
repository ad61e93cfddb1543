package org.mhpathway.housing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mhpathway.PartnerTestServers.SMTP;
import static org.mhpathway.PartnerTestServers.WEBHOOKS;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.contains;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.PartnerTestServers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.forms.InvalidTaskValuesException;
import org.mhpathway.housing.HousingCases.HousingCase;
import org.mhpathway.partners.CareTeam;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerCredentials;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerNotifications;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.system.FieldProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * PATHWAY.md section 4: housing is worked from admission, not found at the end. People of no fixed abode or
 * threatened with homelessness within 56 days are referred under the duty to refer (Housing Act 1996 s213B), with
 * their consent, to the English housing authority they choose, with their name, contact details and the reason, and
 * what authorities ask for: expected discharge date, needs, risks and local connection. No answer within the local
 * limits climbs the housing ladder (application.yml: housing officer 2 days, discharge hub and the authority's manager
 * 5 days, then a MADE), each chase going to the authority the person chose; accommodation secured closes the housing
 * delay factor on the pathway. Notices go to real servers (WireMock, GreenMail), each authority its own address.
 */
class HousingEscalationProcessTest extends ProcessTestCase {

    private static final Duration LEVEL_1_LIMIT = Duration.ofDays(2);
    private static final Duration LEVEL_2_LIMIT = Duration.ofDays(5);

    @Autowired MockMvc mvc;
    @Autowired HousingCases cases;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerCredentials credentials;
    @Autowired CareTeam careTeam;
    @Autowired FormService forms;
    @Autowired FhirContext fhir;

    /** The care team's housing authority from the directory: the ICS's first, as at referral. */
    private Partner defaultAuthority;
    /** The authority the person chooses: another district of the same ICS (seed 003: several per ICS). */
    private Partner chosen;
    private String chosenSecret;
    private String defaultSecret;
    private String suffix;

    private static final String HOUSING_PASSWORD = "housing-only-qj2-password";

    @Autowired org.camunda.bpm.engine.IdentityService identity;

    @BeforeEach
    void housingOfficerOfOneIcs() {
        if (identity.createUserQuery().userId("housingonlyqj2").count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser("housingonlyqj2");
            user.setFirstName("Housing");
            user.setLastName("Officer");
            user.setPassword(HOUSING_PASSWORD);
            identity.saveUser(user);
            identity.createMembership("housingonlyqj2", org.mhpathway.access.Roles.HOUSING);
            identity.createTenantUserMembership("QJ2", "housingonlyqj2");
        }
    }

    @BeforeEach
    void housingAuthorities() throws Exception {
        WEBHOOKS.resetAll();
        SMTP.purgeEmailFromAllMailboxes();
        suffix = Long.toString(System.nanoTime(), 36);
        defaultAuthority = new Partner("ha-city-" + suffix, "Derby City Council Housing Options",
                PartnerRole.HOUSING_AUTHORITY, null, "QJ2", PartnerTestServers.webhookUrl("/housing/city-" + suffix),
                "city-secret", "city." + suffix + "@partners.example.org", false, true);
        defaultSecret = credentials.newSecret();
        directory.save(defaultAuthority, credentials.hash(defaultSecret), now());
        chosen = new Partner("ha-amber-valley-" + suffix, "Amber Valley Borough Council Housing Options " + suffix,
                PartnerRole.HOUSING_AUTHORITY, null, "QJ2", PartnerTestServers.webhookUrl("/housing/amber-" + suffix),
                "amber-valley-secret", "amber." + suffix + "@partners.example.org", false, true);
        chosenSecret = credentials.newSecret();
        directory.save(chosen, credentials.hash(chosenSecret), now());
        WEBHOOKS.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/housing/.*"))
                .willReturn(aResponse().withStatus(202)));
    }

    /** PATHWAY.md section 4, duty to refer: without the person's consent no referral is sent, and the reason is kept. */
    @Test
    void consentRefusedSendsNoReferralKeepsTheReasonAndTheOfficerWorksOn() throws Exception {
        String id = admitWithHousingNeed();
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertThat(openTasks(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED)).hasSize(1);
        assess(id, "homeless-within-56-days");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, Map.of("referralConsent", "no",
                "contactDetailsConsent", "no", "referralNotSentReason", "Wants to return to family first"));

        assertThat(housing).hasPassed(HousingEscalation.SERVICE_RECORD_REFERRAL_NOT_SENT)
                .hasNotPassed(HousingEscalation.SERVICE_SEND_DUTY_TO_REFER);
        assertWaitingAt(housing, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer");
        HousingCase open = cases.open(id).orElseThrow();
        assertThat(open.needType()).isEqualTo("homeless-within-56-days");
        assertThat(open.referralConsent()).isEqualTo("no");
        assertThat(open.referralNotSentReason()).isEqualTo("Wants to return to family first");

        complete(id, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED, Map.of("accommodationDetails", "Sister's flat"));
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded().hasPassed(HousingEscalation.END_ACCOMMODATION_SECURED);
        mvc.perform(get("/api/pathways/" + id + "/housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$.escalationRunning").value(false))
                .andExpect(jsonPath("$.cases[0].housingCase.referralNotSentReason").value("Wants to return to family first"))
                .andExpect(jsonPath("$.cases[0].housingCase.securedAt").isNotEmpty());
    }

    /** Consent given but not to sharing contact details: still no referral (s213B needs all three). */
    @Test
    void noConsentToShareContactDetailsSendsNoReferral() {
        String id = admitWithHousingNeed();
        assess(id, "no-fixed-abode");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, Map.of("referralConsent", "yes",
                "contactDetailsConsent", "no"));
        assertThat(cases.open(id).orElseThrow().referralNotSentReason()).isEqualTo("no consent to share contact details");
        assertThat(cases.referral(id)).as("nothing to carry").isEmpty();
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer");
        assertThat(careTeam.member(id, PartnerRole.HOUSING_AUTHORITY)).map(Partner::id).hasValue(defaultAuthority.id());
    }

    /**
     * PATHWAY.md section 4 and seed 003 (eight housing authorities in Nottingham and Nottinghamshire alone): the person
     * chooses any English authority of the directory; the form lists those of the person's ICS first, then the others
     * with their ICS's name; an inactive authority or another kind of partner is not offered.
     */
    @Test
    void theConsentFormOffersTheIcsHousingAuthoritiesFirstThenEveryOtherOneInTheDirectory() {
        Partner nottingham = new Partner("ha-gedling-" + suffix, "Gedling Borough Council Housing Options " + suffix,
                PartnerRole.HOUSING_AUTHORITY, null, "QT1", PartnerTestServers.webhookUrl("/housing/gedling-" + suffix),
                "gedling-secret", null, false, true);
        directory.save(nottingham, null, now());
        Partner closed = new Partner("ha-closed-" + suffix, "Closed district " + suffix, PartnerRole.HOUSING_AUTHORITY,
                null, "QJ2", null, null, "closed." + suffix + "@partners.example.org", false, false);
        directory.save(closed, null, now());
        String id = admitWithHousingNeed();
        assess(id, "homeless-within-56-days");

        String taskId = openTasks(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT).get(0).getId();
        SpinJsonNode offered = forms.getTaskFormVariables(taskId)
                .getValue(HousingEscalation.HOUSING_AUTHORITY_CHOICES, SpinJsonNode.class);
        List<String> values = offered.elements().stream().map(c -> c.prop("value").stringValue()).toList();
        List<String> labels = offered.elements().stream().map(c -> c.prop("label").stringValue()).toList();
        assertThat(values).contains(defaultAuthority.id(), chosen.id(), nottingham.id())
                .doesNotContain(closed.id()).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(directory.find(v).orElseThrow().role()).isEqualTo(PartnerRole.HOUSING_AUTHORITY));
        List<String> icsOfEach = values.stream().map(v -> directory.find(v).orElseThrow().ics()).toList();
        int firstElsewhere = icsOfEach.indexOf("QT1");
        assertThat(icsOfEach.subList(0, firstElsewhere)).as("the person's ICS first").containsOnly("QJ2");
        assertThat(icsOfEach.subList(firstElsewhere, icsOfEach.size())).doesNotContain("QJ2");
        assertThat(labels).contains(chosen.name(), nottingham.name() + " (Nottingham and Nottinghamshire)");

        // a person in Derby may choose a Nottinghamshire district: any English authority of the directory
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, referral(nottingham.id()));
        fireDueTimers(id);
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("duty-to-refer"))
                .extracting(PartnerNotification::partnerId, PartnerNotification::status)
                .containsExactly(tuple(nottingham.id(), PartnerNotifications.DELIVERED));
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/housing/gedling-" + suffix)))).hasSize(1);
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(instanceOf(id, HousingEscalation.KEY).getId())
                .variableName(HousingEscalation.HOUSING_AUTHORITY_CHOICES).count()).as("the choices go with the task").isZero();
    }

    /**
     * Housing Act 1996 s213B (PATHWAY.md section 4): the referral reaches the authority the person chose, not the care
     * team's default one, and names the person, says how to contact them and why they are referred, with the expected
     * discharge date, needs, risks and local connection; the chosen authority becomes the care team's. An e-mail to an
     * address not marked secure identifies nobody.
     */
    @Test
    void referralReachesTheAuthorityThePersonChoseWithWhatTheDutyRequires() throws Exception {
        String id = admitWithHousingNeed();
        String nhsNumber = register.find(id).orElseThrow().nhsNumber();
        referWithConsent(id);

        List<LoggedRequest> received = WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/housing/amber-" + suffix)));
        assertThat(received).hasSize(1);
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/housing/city-" + suffix)))).as("not the default").isEmpty();
        Bundle message = fhir.newJsonParser().parseResource(Bundle.class, received.get(0).getBodyAsString());
        MessageHeader header = (MessageHeader) message.getEntryFirstRep().getResource();
        assertThat(header.getEventCoding().getCode()).isEqualTo("duty-to-refer");
        assertThat(header.getDestinationFirstRep().getName()).isEqualTo(chosen.name());
        assertThat(header.getDestinationFirstRep().getEndpoint()).isEqualTo(chosen.webhookUrl());

        Patient patient = resource(message, Patient.class);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhsNumber);
        assertThat(patient.getNameFirstRep().getGiven()).extracting(g -> g.getValue()).containsExactly("Jordan", "Alex");
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Ellis");
        assertThat(patient.getTelecom()).extracting(ContactPoint::getSystem, ContactPoint::getValue).containsExactly(
                tuple(ContactPoint.ContactPointSystem.PHONE, "07700 900123"),
                tuple(ContactPoint.ContactPointSystem.EMAIL, "jordan.ellis@example.org"));
        assertThat(patient.hasBirthDate()).isFalse();

        Task task = resource(message, Task.class);
        assertThat(task.getOwner().getDisplay()).isEqualTo(chosen.name());
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        task.getInput().forEach(i -> inputs.put(i.getType().getCodingFirstRep().getCode(), i.getValue().primitiveValue()));
        assertThat(task.getInput()).allSatisfy(i -> assertThat(i.getType().getCodingFirstRep().getSystem())
                .isEqualTo("https://mh-pathway.org/fhir/CodeSystem/duty-to-refer"));
        assertThat(inputs).containsExactly(
                Map.entry("reason", "Evicted last month; sofa-surfing before admission"),
                Map.entry("contact-arrangements", "Through Ward 1 until discharge; afternoons are best"),
                Map.entry("expected-discharge-date", "2026-03-30"),
                Map.entry("housing-need", "No fixed abode"),
                Map.entry("needs", "Needs a ground-floor flat; floating support twice a week"),
                Map.entry("risks", "Vulnerable to exploitation when street homeless; no risk to others known"),
                Map.entry("local-connection", "Lived in Ripley for six years; sister in Heanor"));
        // only what the duty asks: nothing of the ward's clinical notes travels with it
        assertThat(received.get(0).getBodyAsString()).doesNotContain("Self-neglect").doesNotContain("Psychotic relapse")
                .doesNotContain("Evicted last month\"").doesNotContain("1985");

        // the copy by ordinary e-mail says what is asked and identifies nobody
        MimeMessage mail = mailTo(chosen.email());
        String body = mail.getContent().toString();
        assertThat(body).contains("Pathway reference: " + id).contains("does not identify the person")
                .doesNotContain("Ellis").doesNotContain("07700").doesNotContain("Ripley").doesNotContain(nhsNumber)
                .doesNotContain("exploitation");

        assertThat(careTeam.member(id, PartnerRole.HOUSING_AUTHORITY)).map(Partner::id).hasValue(chosen.id());
        HousingCase open = cases.open(id).orElseThrow();
        assertThat(open.authorityId()).isEqualTo(chosen.id());
        assertThat(open.chosenAuthority()).isEqualTo(chosen.name());
        mvc.perform(get("/api/pathways/" + id + "/housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$.cases[0].housingCase.authorityId").value(chosen.id()))
                .andExpect(jsonPath("$.cases[0].housingCase.chosenAuthority").value(chosen.name()))
                .andExpect(jsonPath("$.cases[0].housingCase.phone").doesNotExist());
    }

    /** An address marked secure (e.g. NHSmail) is sent the referral itself, in plain words (PATHWAY.md section 4). */
    @Test
    void aSecureEmailCarriesTheReferralInPlainWords() throws Exception {
        Partner secure = new Partner("ha-erewash-" + suffix, "Erewash Borough Council Housing Options " + suffix,
                PartnerRole.HOUSING_AUTHORITY, null, "QJ2", null, null, "housing." + suffix + "@erewash.gov.uk", true, true);
        directory.save(secure, null, now());
        String id = admitWithHousingNeed();
        assess(id, "homeless-within-56-days");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, referral(secure.id()));
        fireDueTimers(id);

        String body = mailTo(secure.email()).getContent().toString().replace("\r\n", "\n");
        assertThat(body).contains("Name: Jordan Alex Ellis\n").contains("Phone: 07700 900123\n")
                .contains("E-mail: jordan.ellis@example.org\n")
                .contains("How to contact them: Through Ward 1 until discharge; afternoons are best\n")
                .contains("Reason for the referral: Evicted last month; sofa-surfing before admission\n")
                .contains("Expected discharge date: Monday 30 March 2026\n")
                .contains("Housing need: At risk of homelessness within 56 days\n")
                .contains("Housing and support needs: Needs a ground-floor flat; floating support twice a week\n")
                .contains("Risks: Vulnerable to exploitation when street homeless; no risk to others known\n")
                .contains("Local connection: Lived in Ripley for six years; sister in Heanor\n")
                .doesNotContain("Self-neglect");
        assertThat(mailsTo(defaultAuthority.email())).isZero();
    }

    /**
     * A referral must name the person (s213B): an authority reachable only by an e-mail address not marked secure is
     * not sent one; the notice is kept as undeliverable with the reason, and the ladder still runs.
     */
    @Test
    void anAuthorityReachableOnlyByOrdinaryEmailIsNotSentTheReferral() {
        Partner ordinary = new Partner("ha-bolsover-" + suffix, "Bolsover District Council Housing Options " + suffix,
                PartnerRole.HOUSING_AUTHORITY, null, "QJ2", null, null, "housing." + suffix + "@bolsover.example", false, true);
        directory.save(ordinary, null, now());
        String id = admitWithHousingNeed();
        assess(id, "no-fixed-abode");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, referral(ordinary.id()));
        fireDueTimers(id);

        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("duty-to-refer"))
                .extracting(PartnerNotification::partnerId, PartnerNotification::status, PartnerNotification::lastError)
                .containsExactly(tuple(ordinary.id(), PartnerNotifications.UNDELIVERABLE, "partner " + ordinary.id()
                        + " has no webhook or secure e-mail address for a notice that names the person"));
        assertThat(mailsTo(ordinary.email())).isZero();
        assertWaitingAt(instanceOf(id, HousingEscalation.KEY), HousingEscalation.GATEWAY_AWAIT_AUTHORITY);
    }

    /**
     * The authority is one the form offered (also over /engine-rest: the same form check, TaskFormChecksTest): an
     * unknown code, an inactive authority or another kind of partner is refused naming the field, and nothing moves.
     */
    @Test
    void anAuthorityTheFormDidNotOfferIsRefusedNamingTheFieldAndNothingMoves() {
        Partner inactive = new Partner("ha-gone-" + suffix, "Gone district " + suffix, PartnerRole.HOUSING_AUTHORITY,
                null, "QJ2", PartnerTestServers.webhookUrl("/housing/gone-" + suffix), "s", null, false, false);
        directory.save(inactive, null, now());
        Partner notHousing = new Partner("cmht-" + suffix, "Derby City CMHT " + suffix, PartnerRole.COMMUNITY_MH_TEAM,
                null, "QJ2", PartnerTestServers.webhookUrl("/housing/cmht-" + suffix), "s", null, false, true);
        directory.save(notHousing, null, now());
        String id = admitWithHousingNeed();
        assess(id, "no-fixed-abode");
        String taskId = openTasks(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT).get(0).getId();

        for (String code : List.of("no-such-authority", inactive.id(), notHousing.id())) {
            assertThatThrownBy(() -> tasks.complete(taskId, referral(code)))
                    .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems())
                            .containsExactly(new FieldProblem(HousingEscalation.HOUSING_AUTHORITY,
                                    "must be one of the choices the form offers (housingAuthorityChoices)")));
        }
        assertThat(openTasks(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT)).extracting(t -> t.getId())
                .containsExactly(taskId);
        assertThat(cases.open(id).orElseThrow().referralConsent()).isNull();
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer");
        assertThat(careTeam.member(id, PartnerRole.HOUSING_AUTHORITY)).map(Partner::id).hasValue(defaultAuthority.id());
    }

    /** s213B's minimum (PATHWAY.md section 4): referring, the authority, reason, contact and what they ask are required. */
    @Test
    void whatTheDutyAsksForIsRequiredWhenReferringAndCheckedAsTheFormChecksIt() {
        String id = admitWithHousingNeed();
        assess(id, "no-fixed-abode");
        String taskId = openTasks(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT).get(0).getId();

        assertThatThrownBy(() -> tasks.complete(taskId, Map.of("referralConsent", "yes", "contactDetailsConsent", "yes")))
                .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("housingAuthority", "referralReason",
                                "contactArrangements", "localConnection", "riskSummary"));
        Map<String, Object> badContact = referral(chosen.id());
        badContact.put("personPhone", "call the ward");
        badContact.put("personEmail", "not an address");
        assertThatThrownBy(() -> tasks.complete(taskId, badContact))
                .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("personPhone", "personEmail"));
        assertThat(openTasks(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT)).hasSize(1);

        Map<String, Object> noPhoneOrEmail = referral(chosen.id());
        noPhoneOrEmail.remove("personPhone");
        noPhoneOrEmail.remove("personEmail");
        tasks.complete(taskId, noPhoneOrEmail);
        fireDueTimers(id);
        Patient patient = resource(fhir.newJsonParser().parseResource(Bundle.class, WEBHOOKS.findAll(
                postRequestedFor(urlEqualTo("/housing/amber-" + suffix))).get(0).getBodyAsString()), Patient.class);
        assertThat(patient.getTelecom()).as("no phone or e-mail of their own: the ward's arrangements stand").isEmpty();
    }

    /**
     * PATHWAY.md section 4: the referral goes to the housing authority the person chose, which acknowledges it through
     * the partner API (the ladder stops) and later answers completed: accommodation secured ends the escalation and
     * clears the housing need on the pathway.
     */
    @Test
    void referralAcknowledgedThenTheAuthoritySecuresAccommodation() throws Exception {
        String id = admitWithHousingNeed();
        referWithConsent(id);
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("duty-to-refer"))
                .extracting(n -> n.recipientRole(), n -> n.partnerId())
                .containsExactly(tuple("housing-authority", chosen.id()));
        assertThat(cases.open(id).orElseThrow().escalationLevel()).isEqualTo(1);
        // the authority the referral went to answers for the care team now; the default one no longer does
        answerAs(defaultAuthority.id(), defaultSecret, id, "acknowledged").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"));

        later(Duration.ofDays(1));
        answer(id, "acknowledged").andExpect(status().isCreated());
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertWaitingAt(housing, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);
        assertThat(cases.open(id).orElseThrow().authorityAnswer()).isEqualTo("acknowledged");

        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer-escalated");

        answer(id, "completed").andExpect(status().isCreated());
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded()
                .hasPassed(HousingEscalation.BOUNDARY_AUTHORITY_SECURED_ACCOMMODATION);
        HousingCase secured = cases.forPathway(id).get(0);
        assertThat(secured.securedBy()).isEqualTo(chosen.id());
        assertThat(secured.securedAt()).isEqualTo(now());
        assertThat(housingNeedsLeft(id)).containsOnly(false);
    }

    /**
     * PATHWAY.md section 4: no answer from the housing authority climbs the ladder level by level, the authority's
     * manager told at level 2, up to a multi-agency discharge event at the top.
     */
    @Test
    void authoritySilentClimbsTheHousingLadderToAMultiAgencyDischargeEvent() {
        String id = admitWithHousingNeed();
        referWithConsent(id);

        later(LEVEL_1_LIMIT.minusMinutes(1));
        fireDueTimers(id);
        assertThat(escalationNotices(id)).isEmpty();
        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        assertThat(escalationNotices(id)).containsExactly("housing-authority");
        // the chase goes to the authority the referral went to, not the ICS's default one (PATHWAY.md section 4)
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("duty-to-refer-escalated"))
                .extracting(PartnerNotification::partnerId).containsExactly(chosen.id());
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/housing/amber-" + suffix)))).hasSize(2);
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/housing/city-" + suffix)))).isEmpty();
        HousingCase atLevel2 = cases.open(id).orElseThrow();
        assertThat(atLevel2.escalationLevel()).isEqualTo(2);
        assertThat(atLevel2.escalationLevelName()).isEqualTo("Discharge hub and the housing authority's manager");
        assertThat(atLevel2.nextEscalationDue()).isEqualTo(now().plus(LEVEL_2_LIMIT));
        var chase = openTasks(id, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL);
        assertThat(chase).extracting(org.camunda.bpm.engine.task.Task::getName, org.camunda.bpm.engine.task.Task::getDescription)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Chase housing referral",
                        "Escalation level: Discharge hub and the housing authority's manager"));
        assertThat(forms.getTaskFormVariables(chase.get(0).getId()).getValue("housingAuthorityName", String.class))
                .as("the chase names the authority referred to").isEqualTo(chosen.name());
        assertThat(tasks.getIdentityLinksForTask(chase.get(0).getId())).extracting(l -> l.getGroupId())
                .containsExactly("discharge-hub");
        tasks.complete(chase.get(0).getId(), Map.of("chaseActions", "Rang the housing options manager"));

        later(LEVEL_2_LIMIT);
        fireDueTimers(id);
        assertThat(cases.open(id).orElseThrow().escalationLevel()).isEqualTo(3);
        assertThat(escalationNotices(id)).containsExactlyInAnyOrder("housing-authority", "housing-authority",
                "local-authority");
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("duty-to-refer-escalated")
                        && n.recipientRole().equals("housing-authority"))
                .extracting(PartnerNotification::partnerId).containsExactly(chosen.id(), chosen.id());
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertThat(housing).hasPassed(HousingEscalation.SERVICE_CONVENE_HOUSING_DISCHARGE_EVENT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(MultiAgencyDischargeEvent.KEY).count()).isEqualTo(1);
        assertWaitingAt(housing, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);

        assertThat(openTasks(id, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL)).hasSize(1);
        complete(id, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED, Map.of("accommodationDetails", "Supported flat"));
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded().hasPassed(HousingEscalation.END_CHASE_ACTED_ON);
        assertThat(openTasks(id, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL)).as("withdrawn once housing is found")
                .isEmpty();
    }

    /**
     * PATHWAY.md section 4: housing found before the person is clinically ready (no delay yet) ends the escalation
     * from the authority's answer at once; no delay is marked as cleared as none was open.
     */
    @Test
    void housingFoundWhileNotYetClinicallyReadyEndsTheEscalation() throws Exception {
        String id = admitWithHousingNeed();
        referWithConsent(id);
        answer(id, "completed").andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value(HousingEscalations.ACCOMMODATION_SECURED));
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded()
                .hasPassed(HousingEscalation.GATEWAY_ACCOMMODATION_SECURED_BY_AUTHORITY)
                .hasNotPassed(HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);
        assertThat(cases.forPathway(id).get(0).housingDelayCleared()).isFalse();
        assertThat(housingNeedsLeft(id)).containsOnly(false);
    }

    /** PATHWAY.md sections 3 and 4: a delayed discharge waiting on housing is shown as cleared of it once housing is found. */
    @Test
    void accommodationSecuredClearsTheHousingDelayOfADelayedDischarge() {
        ProcessInstance discharge = startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()),
                "clinicallyReadyForDischarge", true, "ward", "Ward 1"));
        String id = discharge.getBusinessKey();
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care",
                "responsibleLocalAuthority", "Derby City Council", "delayNotes", "No home to go to"));
        runtime.startProcessInstanceByKey(HousingEscalation.KEY, id, Map.of("pathwayId", id, "homeIcs", "QJ2"));
        assess(id, "repairs");
        complete(id, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED, Map.of("accommodationDetails", "Repairs done"));
        assertThat(cases.forPathway(id).get(0).housingDelayCleared()).isTrue();
    }

    /** PATHWAY.md section 4: repairs, deep cleans, adaptations and sign-ups are tracked as actions with owners and dates. */
    @Test
    void practicalBlockersAreTrackedAsActionsWithOwnersAndDates() throws Exception {
        String id = admitWithHousingNeed();
        assess(id, "deep-clean");
        assertWaitingAt(instanceOf(id, HousingEscalation.KEY), HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);

        mvc.perform(post("/api/pathways/" + id + "/housing/actions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocker\":\"deep-clean\",\"action\":\"Book deep clean\",\"owner\":\"Tenancy sustainment officer\",\"dueDate\":\"2026-03-09\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.owner").value("Tenancy sustainment officer"));
        mvc.perform(post("/api/pathways/" + id + "/housing/actions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocker\":\"roof\",\"owner\":\"\"}"))
                .andExpect(status().isBadRequest());
        long actionId = cases.actions(cases.open(id).orElseThrow().id()).get(0).id();
        mvc.perform(post("/api/pathways/" + id + "/housing/actions/" + actionId + "/done")).andExpect(status().isOk())
                .andExpect(jsonPath("$.doneAt").isNotEmpty());
        mvc.perform(get("/api/pathways/" + id + "/housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$.escalationRunning").value(true))
                .andExpect(jsonPath("$.cases[0].housingCase.needType").value("deep-clean"))
                .andExpect(jsonPath("$.cases[0].actions[0].blocker").value("deep-clean"))
                .andExpect(jsonPath("$.cases[0].actions[0].dueDate").value("2026-03-09"));
    }

    /**
     * PATHWAY.md sections 1 and 4: the hub sees every housing escalation by level and age with the actions owed: each
     * open case of its ICSs, the level it climbs to next and when, and the blockers not yet done; filtered by level,
     * a bad filter named, another ICS refused.
     */
    @Test
    void everyOpenHousingCaseIsListedWithItsLevelNextEscalationAndTheActionsOwed() throws Exception {
        String id = admitWithHousingNeed();
        referWithConsent(id);
        later(LEVEL_1_LIMIT);
        fireDueTimers(id);
        mvc.perform(post("/api/pathways/" + id + "/housing/actions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocker\":\"deep-clean\",\"action\":\"Book deep clean\","
                                + "\"owner\":\"Tenancy sustainment officer\",\"dueDate\":\"2026-03-09\"}"))
                .andExpect(status().isCreated());

        String item = "$[?(@.pathwayId == '" + id + "')]";
        mvc.perform(get("/api/housing-cases").param("level", "2")).andExpect(status().isOk())
                .andExpect(jsonPath(item + ".homeIcs", contains("QJ2")))
                .andExpect(jsonPath(item + ".needType", contains("no-fixed-abode")))
                .andExpect(jsonPath(item + ".chosenAuthority", contains(cases.open(id).orElseThrow().chosenAuthority())))
                .andExpect(jsonPath(item + ".escalationLevel", contains(2)))
                .andExpect(jsonPath(item + ".nextEscalationDue", contains(now().plus(LEVEL_2_LIMIT).toString())))
                .andExpect(jsonPath(item + ".nextEscalationLevelName", contains("Multi-agency discharge event")))
                .andExpect(jsonPath(item + ".daysOpen", contains(2)))
                .andExpect(jsonPath(item + ".delay", contains((Object) null)))
                .andExpect(jsonPath(item + ".actionsOwed[*].action", contains("Book deep clean")))
                .andExpect(jsonPath(item + ".actionsOwed[*].dueDate", contains("2026-03-09")));
        mvc.perform(get("/api/housing-cases").param("level", "1")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id))));
        mvc.perform(get("/api/housing-cases").param("level", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("level")));
        mvc.perform(get("/api/housing-cases").param("ics", "XYZ").param("ward", " ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("ics", "ward")));
        mvc.perform(get("/api/housing-cases").param("ics", "QT1").with(org.mhpathway.ApiTestUsers.as(
                "housingonlyqj2", HOUSING_PASSWORD))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors[*].field", contains("ics")));
        mvc.perform(get("/api/housing-cases").with(org.mhpathway.ApiTestUsers.as("housingonlyqj2", HOUSING_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].homeIcs", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.is("QJ2"))));

        // the authority finds accommodation: the case is no longer open
        answer(id, "completed").andExpect(status().isCreated());
        mvc.perform(get("/api/housing-cases")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id))));
    }

    /** PATHWAY.md section 4: a housing need recorded at any review starts the escalation, once for the pathway. */
    @Test
    void housingNeedRecordedAtAReviewStartsTheEscalationOnce() {
        Map<String, Object> variables = new HashMap<>(Map.of("admittedAt", iso(now()), "learningDisabilityOrAutism", false,
                "outOfArea", false, "readmission", false, "cetrHeldBeforeAdmission", false));
        ProcessInstance reviews = startCalledModel(InpatientReviews.KEY, variables);
        String id = reviews.getBusinessKey();
        for (int review = 0; review < 2; review++) {
            later(Duration.ofDays(4));
            fireDueTimers(id);
            complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, Map.of("delayFactors", Spin.JSON("[\"housing\"]"),
                    "estimatedDischargeDate", "2026-04-10", "purposeCloseToMet", false, "delayFactorNotes", "No home"));
        }
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(HousingEscalation.KEY).count()).isEqualTo(1);
        assertThat(openTasks(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED)).hasSize(1);
    }

    // ---- helpers ----

    /** Admitted, and discharge planning records a housing need at admission (Key Stage 1). */
    private String admitWithHousingNeed() {
        String id = referrals.refer(new ReferralRequest(newNhsNumber(), "1985-01-15", false, false, "adult-acute",
                "QJ2", "C81001", "crisis-team", null, new PersonName(List.of("Jordan", "Alex"), "Ellis")));
        careTeam.assign(id, PartnerRole.HOUSING_AUTHORITY, defaultAuthority.id(), now());
        assessAndDecide(id, true);
        allocateBed(id, false);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(HousingEscalation.KEY).count()).isZero();
        complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", true, "housingNeedDetails", "Evicted last month"));
        return id;
    }

    private void assess(String id, String needType) {
        complete(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED, Map.of("housingNeedType", needType,
                "housingNeedNotes", "Needs a ground-floor flat; floating support twice a week"));
    }

    private void referWithConsent(String id) {
        assess(id, "no-fixed-abode");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, referral(chosen.id()));
        fireDueTimers(id);
        assertWaitingAt(instanceOf(id, HousingEscalation.KEY), HousingEscalation.GATEWAY_AWAIT_AUTHORITY);
    }

    /** The consent form as a housing officer fills it in when the person agrees to be referred to this authority. */
    private static Map<String, Object> referral(String authorityId) {
        Map<String, Object> values = new HashMap<>(Map.of("referralConsent", "yes", "contactDetailsConsent", "yes",
                "referralReason", "Evicted last month; sofa-surfing before admission",
                "personPhone", "07700 900123", "personEmail", "jordan.ellis@example.org",
                "contactArrangements", "Through Ward 1 until discharge; afternoons are best",
                "localConnection", "Lived in Ripley for six years; sister in Heanor",
                "riskSummary", "Vulnerable to exploitation when street homeless; no risk to others known"));
        values.put(HousingEscalation.HOUSING_AUTHORITY, authorityId);
        return values;
    }

    private ResultActions answer(String pathwayId, String kind) throws Exception {
        return answerAs(chosen.id(), chosenSecret, pathwayId, kind);
    }

    private ResultActions answerAs(String partnerId, String secret, String pathwayId, String kind) throws Exception {
        String body = "{\"messageId\":\"msg-" + UUID.randomUUID() + "\",\"pathwayId\":\"" + pathwayId
                + "\",\"kind\":\"" + kind + "\",\"event\":\"duty-to-refer\"}";
        String basic = "Basic " + Base64.getEncoder().encodeToString((partnerId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return mvc.perform(post("/api/partner-messages").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, basic).content(body));
    }

    private static MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                return message;
            }
        }
        throw new AssertionError("no e-mail to " + address);
    }

    private static long mailsTo(String address) {
        return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> T resource(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
    }

    private List<String> escalationNotices(String id) {
        return notifications.forPathway(id).stream().filter(n -> n.event().equals("duty-to-refer-escalated"))
                .map(n -> n.recipientRole()).toList();
    }

    /** The housing need as the pathway's running processes still carry it. */
    private List<Object> housingNeedsLeft(String id) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).active().list().stream()
                .map(p -> runtime.getVariable(p.getId(), "housingNeed")).filter(v -> v != null).toList();
    }
}
