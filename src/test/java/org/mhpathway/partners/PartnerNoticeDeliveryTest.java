package org.mhpathway.partners;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mhpathway.PartnerTestServers.SMTP;
import static org.mhpathway.PartnerTestServers.WEBHOOKS;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.PartnerTestServers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.pathway.PathwayRegister.Milestones;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Partner notices delivered for real: webhooks to an HTTP server, e-mail to an SMTP server, a partner outage
 * retried on its own back-off cycle until it recovers or an incident is raised, while the pathway carries on. The partners belong to an ICS
 * no other test refers to, and each test has its own, so no other test's notices reach these servers.
 */
class PartnerNoticeDeliveryTest extends ProcessTestCase {

    private static final String TEST_ICS = "ZZ9";
    private static final int RETRIES_OF_THE_BACK_OFF_CYCLE = 6;
    private static final Instant ADMITTED_AT = T0.minus(Duration.ofDays(20));

    @Autowired PartnerDirectory directory;
    @Autowired CareTeam careTeam;
    @Autowired DeliveryRecord deliveryRecord;
    @Autowired ManagementService management;
    @Autowired FhirContext fhir;
    @Autowired MockMvc mvc;
    @Autowired org.mhpathway.pathway.PathwayMessages messages;

    private String suffix;

    @BeforeEach
    void resetPartners() throws Exception {
        WEBHOOKS.resetAll();
        SMTP.purgeEmailFromAllMailboxes();
        suffix = Long.toString(System.nanoTime(), 36);
    }

    /** The contract: a FHIR R4 message, signed with the partner's secret, keyed by the notice. */
    @Test
    void webhookReceivesSignedFhirMessageKeyedByTheNotice() throws Exception {
        Partner cmht = webhookPartner(PartnerRole.COMMUNITY_MH_TEAM, "/cmht", "cmht-secret");
        WEBHOOKS.stubFor(post("/cmht").willReturn(aResponse().withStatus(202)));
        ProcessInstance discharge = dischargeWithCareTeam(cmht);
        String id = discharge.getBusinessKey();
        String nhsNumber = register.find(id).orElseThrow().nhsNumber();
        Instant noticeGivenAt = giveNotice(id);

        recordAndDeliver(discharge);

        List<LoggedRequest> received = WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/cmht")));
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        PartnerNotification notice = noticeTo(id, "community-mh-team");
        assertThat(notice.status()).isEqualTo(PartnerNotifications.DELIVERED);
        assertThat(notice.deliveredAt()).isEqualTo(now());
        assertThat(request.getHeader("Content-Type")).startsWith("application/fhir+json");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(notice.notificationKey());
        assertThat(request.getHeader("X-Notification-Event")).isEqualTo("discharge-notice");
        assertThat(request.getHeader("X-Signature")).isEqualTo("sha256=" + hmacSha256Hex("cmht-secret", request.getBody()));
        assertThat(request.getHeader("X-Signature")).isNotEqualTo("sha256=" + hmacSha256Hex("another-secret", request.getBody()));

        IParser strict = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        Bundle bundle = strict.parseResource(Bundle.class, request.getBodyAsString());
        assertThat(errorsFromFhirR4Validation(bundle)).isEmpty();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        assertThat(bundle.getIdentifier().getValue()).isEqualTo("urn:uuid:" + notice.notificationKey());
        MessageHeader header = (MessageHeader) bundle.getEntryFirstRep().getResource();
        assertThat(header.getEventCoding().getSystem()).isEqualTo("https://mh-pathway.org/fhir/CodeSystem/pathway-event");
        assertThat(header.getEventCoding().getCode()).isEqualTo("discharge-notice");
        assertThat(header.getEventCoding().getDisplay()).isEqualTo("48 hours' notice of discharge");
        assertThat(header.getSource().getName()).isEqualTo("mh-pathway");
        assertThat(header.getDestinationFirstRep().getEndpoint()).isEqualTo(cmht.webhookUrl());
        assertThat(header.getDestinationFirstRep().getReceiver().getIdentifier().getValue()).isEqualTo(cmht.odsCode());
        assertThat(header.getFocus()).extracting(Reference::getReference)
                .containsExactly(fullUrlOf(bundle, Encounter.class), fullUrlOf(bundle, Task.class));

        Patient patient = resource(bundle, Patient.class);
        assertThat(patient.getIdentifier()).extracting(i -> i.getSystem(), i -> i.getValue())
                .containsExactly(tuple("https://fhir.nhs.uk/Id/nhs-number", nhsNumber));
        assertThat(patient.getName()).isEmpty();
        assertThat(patient.hasBirthDate()).isFalse();

        Encounter encounter = resource(bundle, Encounter.class);
        assertThat(encounter.getIdentifierFirstRep().getValue()).isEqualTo(id);
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(encounter.getPeriod().getStart().toInstant()).isEqualTo(ADMITTED_AT);
        assertThat(encounter.getPeriod().hasEnd()).isFalse();
        assertThat(encounter.getSubject().getReference()).isEqualTo(fullUrlOf(bundle, Patient.class));

        Task task = resource(bundle, Task.class);
        assertThat(task.getDescription()).isEqualTo("Plan your part of the discharge support; discharge no sooner than 48 hours from now.");
        assertThat(task.getRestriction().getPeriod().getEnd().toInstant()).isEqualTo(noticeGivenAt.plus(Duration.ofHours(48)));
        assertThat(task.getOwner().getDisplay()).isEqualTo(cmht.name());
        assertThat(task.getEncounter().getReference()).isEqualTo(fullUrlOf(bundle, Encounter.class));

        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
    }

    /** After discharge each service is asked its own part: the CMHT the 72-hour follow-up; the stay has ended. */
    @Test
    void dischargeNoticeAsksTheCommunityTeamToFollowUpWithin72Hours() throws Exception {
        Partner cmht = webhookPartner(PartnerRole.COMMUNITY_MH_TEAM, "/cmht", "cmht-secret");
        Partner gp = webhookPartner(PartnerRole.GP_PRACTICE, "/gp", "gp-secret");
        WEBHOOKS.stubFor(post("/cmht").willReturn(aResponse().withStatus(200)));
        WEBHOOKS.stubFor(post("/gp").willReturn(aResponse().withStatus(200)));
        ProcessInstance discharge = dischargeWithCareTeam(cmht, gp);
        String id = discharge.getBusinessKey();
        giveNotice(id);
        fireDueTimers(id);
        complete(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now().plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        later(Duration.ofHours(48));
        Instant dischargedAt = now();
        complete(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", "home"));

        assertThat(discharge).isEnded();
        Bundle toCmht = lastMessage("/cmht");
        MessageHeader header = (MessageHeader) toCmht.getEntryFirstRep().getResource();
        assertThat(header.getEventCoding().getCode()).isEqualTo("discharged");
        Task cmhtTask = resource(toCmht, Task.class);
        assertThat(cmhtTask.getDescription()).isEqualTo("Follow up the person within 72 hours of discharge, face to face where possible.");
        assertThat(cmhtTask.getRestriction().getPeriod().getEnd().toInstant()).isEqualTo(dischargedAt.plus(Duration.ofHours(72)));
        Encounter stay = resource(toCmht, Encounter.class);
        assertThat(stay.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(stay.getPeriod().getStart().toInstant()).isEqualTo(ADMITTED_AT);
        assertThat(stay.getPeriod().getEnd().toInstant()).isEqualTo(dischargedAt);
        assertThat(stay.getHospitalization().getDischargeDisposition().getText()).isEqualTo("home");
        Task gpTask = resource(lastMessage("/gp"), Task.class);
        assertThat(gpTask.getDescription()).isEqualTo("Note the discharge; the ward sends a discharge summary within 7 days.");
        assertThat(gpTask.getRestriction().hasPeriod()).isFalse();
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.partnerId() != null)
                .extracting(PartnerNotification::event, PartnerNotification::recipientRole, PartnerNotification::status)
                .containsExactlyInAnyOrder(
                        tuple("discharge-notice", "community-mh-team", PartnerNotifications.DELIVERED),
                        tuple("discharge-notice", "gp-practice", PartnerNotifications.DELIVERED),
                        tuple("discharged", "community-mh-team", PartnerNotifications.DELIVERED),
                        tuple("discharged", "gp-practice", PartnerNotifications.DELIVERED));
    }

    /**
     * A death (issue 14, item 3): the GP, the community team and the commissioner are each told what is theirs to do,
     * and the message says the person died and when: Patient.deceasedDateTime, the stay ending at the death with the
     * discharge disposition "expired".
     */
    @Test
    void deathNoticeTellsGpTeamAndCommissionerWhenThePersonDied() throws Exception {
        Partner gp = webhookPartner(PartnerRole.GP_PRACTICE, "/gp", "gp-secret");
        Partner cmht = webhookPartner(PartnerRole.COMMUNITY_MH_TEAM, "/cmht", "cmht-secret");
        Partner icb = webhookPartner(PartnerRole.COMMISSIONER, "/icb", "icb-secret");
        for (String path : List.of("/gp", "/cmht", "/icb")) {
            WEBHOOKS.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        }
        ProcessInstance pathway = startCalledModel(org.mhpathway.pathway.PathwayProcesses.InpatientPathway.KEY, Map.of());
        String id = pathway.getBusinessKey();
        register.recordMilestones(id, new Milestones(ADMITTED_AT, null, null, null, null, null, null, null, null));
        for (Partner member : List.of(gp, cmht, icb)) {
            careTeam.assign(id, member.role(), member.id(), now());
        }
        Instant diedAt = now().minus(Duration.ofMinutes(30));

        assertThat(messages.personDied(id, diedAt, "On the ward", "Notes for the record only")).isTrue();
        fireDueTimers(id);

        Bundle toGp = lastMessage("/gp");
        assertThat(errorsFromFhirR4Validation(toGp)).isEmpty();
        assertThat(((MessageHeader) toGp.getEntryFirstRep().getResource()).getEventCoding().getCode()).isEqualTo("died");
        assertThat(resource(toGp, Patient.class).getDeceasedDateTimeType().getValue().toInstant()).isEqualTo(diedAt);
        Encounter stay = resource(toGp, Encounter.class);
        assertThat(stay.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(stay.getPeriod().getEnd().toInstant()).isEqualTo(diedAt);
        assertThat(stay.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("exp");
        assertThat(resource(toGp, Task.class).getDescription())
                .isEqualTo("Note the death and update the practice record. No discharge summary will follow.");
        assertThat(resource(lastMessage("/cmht"), Task.class).getDescription()).startsWith("Note the death and close");
        assertThat(resource(lastMessage("/icb"), Task.class).getDescription()).contains("your review of deaths");
        assertThat(List.of(toGp, lastMessage("/cmht"), lastMessage("/icb")))
                .allSatisfy(b -> assertThat(fhir.newJsonParser().encodeResourceToString(b)).doesNotContain("Notes for the record"));
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("died"))
                .extracting(PartnerNotification::recipientRole, PartnerNotification::status)
                .containsExactlyInAnyOrder(tuple("gp-practice", PartnerNotifications.DELIVERED),
                        tuple("community-mh-team", PartnerNotifications.DELIVERED),
                        tuple("commissioner", PartnerNotifications.DELIVERED));
    }

    /**
     * A partner down for a while: its notice fails, the delivery is retried on the back-off cycle with the same
     * idempotency key, and the partner receives the notice once it is back. The partner that took the notice the
     * first time is not sent it again.
     */
    @Test
    void partnerThatIsDownGetsTheNoticeWhenItRecoversAndNobodyGetsItTwice() throws Exception {
        Partner cmht = webhookPartner(PartnerRole.COMMUNITY_MH_TEAM, "/cmht", "cmht-secret");
        Partner gp = webhookPartner(PartnerRole.GP_PRACTICE, "/gp", "gp-secret");
        WEBHOOKS.stubFor(post("/gp").willReturn(aResponse().withStatus(200)));
        WEBHOOKS.stubFor(post("/cmht").inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")).willSetStateTo("still down"));
        WEBHOOKS.stubFor(post("/cmht").inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        WEBHOOKS.stubFor(post("/cmht").inScenario("outage").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(204)));
        ProcessInstance discharge = dischargeWithCareTeam(cmht, gp);
        String id = discharge.getBusinessKey();
        String nhsNumber = register.find(id).orElseThrow().nhsNumber();
        giveNotice(id);
        recordNotices(discharge);
        management.executeJob(deliveryJob(id, "gp-practice").getId());
        Job job = deliveryJob(id, "community-mh-team");

        assertThatThrownBy(() -> management.executeJob(job.getId()))
                .hasMessageContaining(id).hasMessageContaining(cmht.id()).hasMessageContaining("HTTP 503")
                .hasMessageNotContaining(gp.id()).hasMessageNotContaining(nhsNumber);

        Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failed.getRetries()).isEqualTo(RETRIES_OF_THE_BACK_OFF_CYCLE);
        assertThat(failed.getExceptionMessage()).contains(id).doesNotContain(nhsNumber);
        assertThat(management.getJobExceptionStacktrace(job.getId())).doesNotContain(nhsNumber);
        assertThat(failed.getDuedate().toInstant()).as("retried a minute later").isEqualTo(now().plus(Duration.ofMinutes(1)));
        assertThat(noticeTo(id, "community-mh-team")).extracting(PartnerNotification::status,
                PartnerNotification::attempts, PartnerNotification::lastError)
                .containsExactly(PartnerNotifications.FAILED, 1, "webhook: HTTP 503");
        assertThat(noticeTo(id, "gp-practice").status()).isEqualTo(PartnerNotifications.DELIVERED);
        // the pathway carries on while the partner is down (PATHWAY.md section 2: the 48 hours count from the notice)
        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);

        later(Duration.ofMinutes(1));
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining(cmht.id());
        Job failedAgain = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failedAgain.getRetries()).isEqualTo(RETRIES_OF_THE_BACK_OFF_CYCLE - 1);
        assertThat(failedAgain.getDuedate().toInstant()).as("then five minutes later").isEqualTo(now().plus(Duration.ofMinutes(5)));

        later(Duration.ofMinutes(5));
        management.executeJob(job.getId());

        PartnerNotification recovered = noticeTo(id, "community-mh-team");
        assertThat(recovered.status()).isEqualTo(PartnerNotifications.DELIVERED);
        assertThat(recovered.attempts()).isEqualTo(3);
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.deliveredAt()).isEqualTo(now());
        List<LoggedRequest> toCmht = WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/cmht")));
        assertThat(toCmht).hasSize(3).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(recovered.notificationKey());
        assertThat(toCmht).extracting(LoggedRequest::getBodyAsString).as("the same message every time").containsOnly(
                toCmht.get(0).getBodyAsString());
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/gp")))).as("delivered once, never again").hasSize(1);
        assertThat(deliveryRecord.attemptsOfPathway(id).get(recovered.id()))
                .extracting(DeliveryRecord.Attempt::succeeded, DeliveryRecord.Attempt::httpStatus)
                .containsExactly(tuple(false, 503), tuple(false, 503), tuple(true, 204));
        assertThat(management.createJobQuery().jobId(job.getId()).count()).isZero();
        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
    }

    /** A partner still down when the back-off cycle is spent: that notice's delivery stops with an incident for Cockpit. */
    @Test
    void incidentIsRaisedWhenThePartnerIsStillDownAfterEveryRetry() {
        Partner cmht = webhookPartner(PartnerRole.COMMUNITY_MH_TEAM, "/cmht", "cmht-secret");
        WEBHOOKS.stubFor(post("/cmht").willReturn(aResponse().withStatus(500)));
        ProcessInstance discharge = dischargeWithCareTeam(cmht);
        String id = discharge.getBusinessKey();
        String nhsNumber = register.find(id).orElseThrow().nhsNumber();
        giveNotice(id);
        recordNotices(discharge);
        Job job = deliveryJob(id, "community-mh-team");

        int runs = 0;
        while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
            assertThat(runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
            java.util.Date due = management.createJobQuery().jobId(job.getId()).singleResult().getDuedate();
            if (due != null && due.toInstant().isAfter(now())) {
                later(Duration.between(now(), due.toInstant()));
            }
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining(cmht.id());
            runs++;
        }

        assertThat(runs).as("the first run and one retry per interval of the cycle").isEqualTo(1 + RETRIES_OF_THE_BACK_OFF_CYCLE);
        assertThat(Duration.between(T0, now())).as("PT1M+PT5M+PT15M+PT30M+PT1H+PT2H").isEqualTo(Duration.ofMinutes(231));
        Incident incident = runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(PartnerNoticeDelivery.SERVICE_DELIVER_NOTICE);
        assertThat(incident.getIncidentMessage()).contains(id, cmht.id()).doesNotContain(nhsNumber);
        assertThat(noticeTo(id, "community-mh-team")).extracting(PartnerNotification::status, PartnerNotification::attempts)
                .containsExactly(PartnerNotifications.FAILED, runs);
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/cmht")))).hasSize(runs);
        assertThat(runtime.createIncidentQuery().processInstanceId(discharge.getId()).count())
                .as("the incident is the notice's, not the pathway's").isZero();
        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
    }

    /** Nothing listening at the partner's address: a failed attempt with the reason, retried like any other. */
    @Test
    void unreachableWebhookIsAFailedAttemptWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Partner crisis = new Partner("crisis-team-" + suffix, "Test crisis team", PartnerRole.CRISIS_TEAM, null, TEST_ICS,
                "http://127.0.0.1:" + closedPort + "/notices", "crisis-secret", null, false, true);
        directory.save(crisis, null, now());
        ProcessInstance discharge = dischargeWithCareTeam(crisis);
        String id = discharge.getBusinessKey();
        giveNotice(id);
        recordNotices(discharge);
        Job job = deliveryJob(id, "crisis-team");

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining(crisis.id())
                .hasMessageContaining("ConnectException");

        PartnerNotification notice = noticeTo(id, "crisis-team");
        assertThat(notice.status()).isEqualTo(PartnerNotifications.FAILED);
        assertThat(notice.lastError()).startsWith("webhook: ConnectException");
        assertThat(deliveryRecord.attemptsOfPathway(id).get(notice.id()))
                .extracting(DeliveryRecord.Attempt::succeeded, DeliveryRecord.Attempt::httpStatus)
                .containsExactly(tuple(false, null));
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isEqualTo(RETRIES_OF_THE_BACK_OFF_CYCLE);
    }

    /** E-mail identifies the person only to an address marked secure (e.g. NHSmail). */
    @Test
    void emailCarriesTheNhsNumberOnlyToSecureAddresses() throws Exception {
        Partner gp = emailPartner(PartnerRole.GP_PRACTICE, "practice." + suffix + "@nhs.net", true);
        Partner council = emailPartner(PartnerRole.LOCAL_AUTHORITY, "adult.care." + suffix + "@council.example", false);
        ProcessInstance discharge = dischargeWithCareTeam(gp, council);
        String id = discharge.getBusinessKey();
        String nhsNumber = register.find(id).orElseThrow().nhsNumber();
        String spacedNhsNumber = nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
        giveNotice(id);

        recordAndDeliver(discharge);

        assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage toGp = mailTo(gp.email());
        MimeMessage toCouncil = mailTo(council.email());
        for (MimeMessage mail : List.of(toGp, toCouncil)) {
            assertThat(mail.getSubject()).isEqualTo("mh-pathway: 48 hours' notice of discharge (" + id + ")");
            assertThat(body(mail)).contains("Pathway reference: " + id)
                    .contains("What we ask of you: Plan your part of the discharge support; discharge no sooner than 48 hours from now.")
                    .contains("By: Wednesday 4 March 2026, 09:00 (UK time)")
                    .doesNotContain("1985").doesNotContain("15 January");
        }
        assertThat(body(toGp)).contains("NHS number: " + spacedNhsNumber);
        assertThat(body(toCouncil)).doesNotContain(nhsNumber).doesNotContain(spacedNhsNumber)
                .contains("does not identify the person");
        assertThat(toCouncil.getSubject()).doesNotContain(nhsNumber);
        assertThat(toCouncil.getHeader("Idempotency-Key")[0]).isEqualTo(noticeTo(id, "local-authority").notificationKey());
        assertThat(noticeTo(id, "gp-practice").status()).isEqualTo(PartnerNotifications.DELIVERED);
        assertThat(noticeTo(id, "local-authority").status()).isEqualTo(PartnerNotifications.DELIVERED);
    }

    /** A partner with a webhook and an e-mail address: on a retry only the channel that failed is tried again. */
    @Test
    void retrySendsOnlyByTheChannelThatFailed() throws Exception {
        Partner cmht = new Partner("cmht-" + suffix, "Derby City CMHT", PartnerRole.COMMUNITY_MH_TEAM, null, TEST_ICS,
                PartnerTestServers.webhookUrl("/cmht"), "cmht-secret", "cmht." + suffix + "@nhs.net", true, true);
        directory.save(cmht, null, now());
        WEBHOOKS.stubFor(post("/cmht").willReturn(aResponse().withStatus(503)));
        ProcessInstance discharge = dischargeWithCareTeam(cmht);
        String id = discharge.getBusinessKey();
        giveNotice(id);
        recordNotices(discharge);
        Job job = deliveryJob(id, "community-mh-team");

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining(cmht.id());
        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(noticeTo(id, "community-mh-team")).extracting(PartnerNotification::status, PartnerNotification::lastError)
                .containsExactly(PartnerNotifications.FAILED, "webhook: HTTP 503");

        WEBHOOKS.stubFor(post("/cmht").willReturn(aResponse().withStatus(200)));
        later(Duration.ofMinutes(1));
        management.executeJob(job.getId());

        assertThat(noticeTo(id, "community-mh-team").status()).isEqualTo(PartnerNotifications.DELIVERED);
        assertThat(SMTP.getReceivedMessages()).as("the e-mail went the first time; it is not sent again").hasSize(1);
        assertThat(WEBHOOKS.findAll(postRequestedFor(urlEqualTo("/cmht")))).hasSize(2);
        assertThat(deliveryRecord.attemptsOfPathway(id).get(noticeTo(id, "community-mh-team").id()))
                .extracting(DeliveryRecord.Attempt::channel, DeliveryRecord.Attempt::succeeded)
                .containsExactlyInAnyOrder(tuple("webhook", false), tuple("email", true), tuple("webhook", true));
    }

    /** Nobody to tell, or no way to tell them: kept as undeliverable with the reason, and the pathway goes on. */
    @Test
    void noticeWithNobodyToReceiveItIsUndeliverableAndThePathwayCarriesOn() {
        Partner gp = new Partner("gp-" + suffix, "Riverside Surgery", PartnerRole.GP_PRACTICE, "Z" + suffix, TEST_ICS,
                null, null, null, false, true);
        directory.save(gp, null, now());
        ProcessInstance discharge = dischargeWithCareTeam(gp);
        String id = discharge.getBusinessKey();
        giveNotice(id);

        recordAndDeliver(discharge);

        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(PartnerNoticeDelivery.KEY).count()).as("nothing to deliver").isZero();
        assertThat(notifications.forPathway(id))
                .extracting(PartnerNotification::recipientRole, PartnerNotification::status, PartnerNotification::lastError)
                .containsExactlyInAnyOrder(
                        tuple("gp-practice", PartnerNotifications.UNDELIVERABLE, "partner " + gp.id() + " has no webhook or e-mail address"),
                        tuple("community-mh-team", PartnerNotifications.UNDELIVERABLE, "no community-mh-team in the care team"),
                        tuple("crisis-team", PartnerNotifications.UNDELIVERABLE, "no crisis-team in the care team"),
                        tuple("local-authority", PartnerNotifications.UNDELIVERABLE, "no local-authority in the care team"),
                        tuple("housing-authority", PartnerNotifications.UNDELIVERABLE, "no housing-authority in the care team"));
        assertThat(management.createJobQuery().processInstanceId(discharge.getId())
                .activityId(HospitalDischarge.SERVICE_NOTIFY_SERVICES_OF_PLANNED_DISCHARGE).count()).isZero();
        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
        assertThat(WEBHOOKS.getAllServeEvents()).isEmpty();
    }

    /** What a coordinator or partner developer sees: each notice, its status and every attempt. */
    @Test
    void notificationsEndpointShowsEveryNoticeWithItsAttempts() throws Exception {
        Partner cmht = webhookPartner(PartnerRole.COMMUNITY_MH_TEAM, "/cmht", "cmht-secret");
        WEBHOOKS.stubFor(post("/cmht").inScenario("blip").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        WEBHOOKS.stubFor(post("/cmht").inScenario("blip").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        ProcessInstance discharge = dischargeWithCareTeam(cmht);
        String id = discharge.getBusinessKey();
        giveNotice(id);
        recordNotices(discharge);
        Job job = deliveryJob(id, "community-mh-team");
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining(cmht.id());
        Instant firstAttempt = now();
        later(Duration.ofMinutes(1));
        management.executeJob(job.getId());
        PartnerNotification notice = noticeTo(id, "community-mh-team");

        mvc.perform(get("/api/pathways/{id}/notifications", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pathwayId").value(id))
                .andExpect(jsonPath("$.notifications.length()").value(5))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].partnerId").value(cmht.id()))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].partnerName").value(cmht.name()))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].event").value("discharge-notice"))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].channels[0]").value("webhook"))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].status").value("delivered"))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].attempts").value(2))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].notificationKey")
                        .value(notice.notificationKey()))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].deliveredAt").value(now().toString()))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].deliveryAttempts[0].succeeded").value(false))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].deliveryAttempts[0].httpStatus").value(503))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].deliveryAttempts[0].error").value("HTTP 503"))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].deliveryAttempts[0].attemptedAt").value(firstAttempt.toString()))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'community-mh-team')].deliveryAttempts[1].succeeded").value(true))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'crisis-team')].status").value("undeliverable"))
                .andExpect(jsonPath("$.notifications[?(@.recipientRole == 'crisis-team')].lastError").value("no crisis-team in the care team"));

        mvc.perform(get("/api/pathways/{id}/notifications", "MHP-0000-0000"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:not-found"))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"));
    }

    // ---- partners, pathway and the step ----

    private Partner webhookPartner(PartnerRole role, String path, String secret) {
        Partner partner = new Partner(role.code() + "-" + suffix, "Test " + role.code(), role, "T" + suffix.toUpperCase(),
                TEST_ICS, PartnerTestServers.webhookUrl(path), secret, null, false, true);
        directory.save(partner, null, now());
        return partner;
    }

    private Partner emailPartner(PartnerRole role, String email, boolean secure) {
        Partner partner = new Partner(role.code() + "-" + suffix, "Test " + role.code(), role, null, TEST_ICS,
                null, null, email, secure, true);
        directory.save(partner, null, now());
        return partner;
    }

    /** A person clinically ready for discharge, support in place, plan refined; the care team is the partners given. */
    private ProcessInstance dischargeWithCareTeam(Partner... members) {
        ProcessInstance discharge = startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()),
                "clinicallyReadyForDischarge", true));
        String id = discharge.getBusinessKey();
        register.recordMilestones(id, new Milestones(ADMITTED_AT, null, null, null, null, null, null, null, null));
        for (Partner member : members) {
            careTeam.assign(id, member.role(), member.id(), now());
        }
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT weekly",
                "estimatedDischargeDate", "2026-03-06", "eddChangeReason", "Date agreed with the community team"));
        return discharge;
    }

    /** Completes the notice task as Tasklist does; the notices are a job of their own, run by the test. */
    private Instant giveNotice(String id) {
        Instant at = now();
        tasks.complete(driver.openTask(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE).getId(), Map.of(
                "dischargeNoticeGivenAt", iso(at), "plannedDischargeAt", iso(at.plus(Duration.ofHours(48))),
                "noticeGivenTo", noticeGivenTo()));
        return at;
    }

    /** Runs the notify step: it records the notices and starts one delivery instance for each. */
    private void recordNotices(ProcessInstance discharge) {
        Job step = management.createJobQuery().processInstanceId(discharge.getId())
                .activityId(HospitalDischarge.SERVICE_NOTIFY_SERVICES_OF_PLANNED_DISCHARGE).singleResult();
        management.executeJob(step.getId());
    }

    /** The delivery job of the notice to the partner in this role. */
    private Job deliveryJob(String pathwayId, String role) {
        long notice = noticeTo(pathwayId, role).id();
        ProcessInstance delivery = runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId)
                .processDefinitionKey(PartnerNoticeDelivery.KEY).variableValueEquals("notificationId", notice).singleResult();
        return management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
    }

    /** Records the notices and runs every delivery job once. */
    private void recordAndDeliver(ProcessInstance discharge) {
        recordNotices(discharge);
        for (ProcessInstance delivery : runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(discharge.getBusinessKey()).processDefinitionKey(PartnerNoticeDelivery.KEY).list()) {
            management.executeJob(management.createJobQuery().processInstanceId(delivery.getId()).singleResult().getId());
        }
    }

    /** The last message the partner's webhook received. */
    private Bundle lastMessage(String path) {
        List<LoggedRequest> received = WEBHOOKS.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).isNotEmpty();
        return fhir.newJsonParser().parseResource(Bundle.class, received.get(received.size() - 1).getBodyAsString());
    }

    private PartnerNotification noticeTo(String pathwayId, String role) {
        return notifications.forPathway(pathwayId).stream().filter(n -> n.recipientRole().equals(role)).findFirst()
                .orElseThrow();
    }

    private static MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                return message;
            }
        }
        throw new AssertionError("no e-mail to " + address);
    }

    private static String body(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> T resource(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
    }

    private static String fullUrlOf(Bundle bundle, Class<? extends org.hl7.fhir.r4.model.Resource> type) {
        return bundle.getEntry().stream().filter(e -> type.isInstance(e.getResource())).findFirst().orElseThrow().getFullUrl();
    }

    /** What HAPI's validator, checking against the FHIR R4 base specification, finds wrong with the message. */
    private List<String> errorsFromFhirR4Validation(Bundle bundle) {
        FhirValidator validator = fhir.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir))));
        ValidationResult result = validator.validateWithResult(bundle);
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }

    /** How a partner verifies the X-Signature header: HMAC-SHA256 of the raw body with the shared secret, in hex. */
    private static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
