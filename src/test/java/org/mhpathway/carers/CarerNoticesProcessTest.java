package org.mhpathway.carers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mhpathway.ApiTestUsers.as;
import static org.mhpathway.PartnerTestServers.SMTP;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.carers.CarerNotices.CarerNotice;
import org.mhpathway.forms.InvalidTaskValuesException;
import org.mhpathway.pathway.PathwayMessages;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The person's chosen carers are told of the 48 hours' notice and of the discharge when the person consents (seed 004:
 * "at least 48 hours' notice of the decision to discharge given to the person, their chosen carer/s and any services";
 * PATHWAY.md section 5b), by e-mail to a real SMTP server: consent given, not given, given later, withdrawn during the
 * stay, withdrawn at the notice, withdrawn while a message waits, and a carer with no e-mail address. A carer's message
 * says when, which ward and who to contact, and nothing the ward recorded about the person.
 */
@ExtendWith(OutputCaptureExtension.class)
class CarerNoticesProcessTest extends ProcessTestCase {

    private static final String PASSWORD = "carer-notices-test-password";
    private static final String CLINICIAN = "carersqj2clinician";
    /** In every clinical note of these pathways: no carer's message may carry it. */
    private static final String NOTE = "WARD-NOTE";
    private static final String CONTACT = "Nurse in charge, Ward 1, 01332 623700";

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;
    @Autowired CarerRegister carers;
    @Autowired CarerNotices carerNotices;
    @Autowired PathwayMessages messages;

    private String suffix;

    @BeforeEach
    void resetMailAndUsers() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        suffix = Long.toString(System.nanoTime(), 36);
        if (identity.createUserQuery().userId(CLINICIAN).count() == 0) {
            User u = identity.newUser(CLINICIAN);
            u.setFirstName("Carers");
            u.setLastName("Test");
            u.setPassword(PASSWORD);
            identity.saveUser(u);
            identity.createMembership(CLINICIAN, Roles.WARD_CLINICIANS);
            identity.createTenantUserMembership("QJ2", CLINICIAN);
        }
    }

    @Test
    void aCarerWithConsentIsEmailedThe48HoursNoticeAndTheDischargeAndNothingElse(CapturedOutput output) throws Exception {
        String email = "sam." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", "07700 900123", email, true));
        String nhsNumber = register.find(id).orElseThrow().nhsNumber();

        giveNotice(id);

        MimeMessage notice = onlyMailTo(email);
        assertThat(notice.getSubject()).isEqualTo("48 hours' notice of discharge from hospital");
        assertThat(body(notice)).contains("Dear Sam Taylor,")
                .contains("Priya is due to leave hospital on Wednesday 4 March 2026 at 09:00 (UK time).")
                .contains("Ward: Ward 1, Radbourne Unit")
                .contains("Who to contact: " + CONTACT)
                .contains("Priya chose you as a carer and agreed that the ward may tell you this.");
        assertNothingClinicalOrIdentifying(notice, nhsNumber);

        prepareAndDischarge(id);

        List<MimeMessage> received = mailTo(email);
        assertThat(received).hasSize(2);
        MimeMessage discharged = received.get(1);
        assertThat(discharged.getSubject()).isEqualTo("Discharge from hospital");
        assertThat(body(discharged)).contains("Priya left hospital on Wednesday 4 March 2026 at 09:00 (UK time).")
                .contains("Ward: Ward 1, Radbourne Unit").contains("Who to contact: " + CONTACT);
        assertNothingClinicalOrIdentifying(discharged, nhsNumber);
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::event, CarerNotice::status)
                .containsExactly(tuple("discharge-notice", CarerNotices.DELIVERED), tuple("discharged", CarerNotices.DELIVERED));
        // the test's own mail server logs the addresses it receives at; the service logs nothing of a carer
        String serviceLog = output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(serviceLog).as("a carer's name and contact details never reach the log")
                .contains("'discharge-notice' recorded for 1 carer(s), 1 to e-mail")
                .doesNotContain("Sam Taylor").doesNotContain(email).doesNotContain("900123");
    }

    @Test
    void aCarerWithoutConsentIsSentNothing() throws Exception {
        String told = "told." + suffix + "@example.org";
        String notTold = "not.told." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", null, told, true),
                carer("Alex Reid", "Brother", null, notTold, false));

        giveNotice(id);
        prepareAndDischarge(id);

        assertThat(mailTo(told)).hasSize(2);
        assertThat(mailTo(notTold)).isEmpty();
        long alex = carerNamed(id, "Alex Reid").id();
        assertThat(carerNotices.forPathway(id)).filteredOn(n -> n.carerId() == alex)
                .extracting(CarerNotice::event, CarerNotice::status, CarerNotice::lastError)
                .containsExactly(tuple("discharge-notice", CarerNotices.NO_CONSENT, CarerNotices.NOT_CONSENTED),
                        tuple("discharged", CarerNotices.NO_CONSENT, CarerNotices.NOT_CONSENTED));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(PartnerNoticeDelivery.KEY).variableValueEquals("carerNoticeId",
                        carerNotices.forPathway(id).stream().filter(n -> n.carerId() == alex).findFirst().orElseThrow().id())
                .count()).as("no delivery is even started for a carer without consent").isZero();
    }

    @Test
    void consentGivenLaterInTheStayIsHonoured() throws Exception {
        String email = "later." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", null, email, false));
        long sam = carerNamed(id, "Sam Taylor").id();

        mvc.perform(post("/api/pathways/{id}/carers/{carerId}/consent", id, sam).with(as(CLINICIAN, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"consentToShare\": true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.consentToShare").value(true))
                .andExpect(jsonPath("$.consentHistory.length()").value(2));
        giveNotice(id);

        assertThat(mailTo(email)).hasSize(1);
    }

    @Test
    void consentWithdrawnDuringTheStayStopsEveryFurtherMessage() throws Exception {
        String email = "withdrawn." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", null, email, true));
        long sam = carerNamed(id, "Sam Taylor").id();
        giveNotice(id);
        assertThat(mailTo(email)).hasSize(1);

        mvc.perform(post("/api/pathways/{id}/carers/{carerId}/consent", id, sam).with(as(CLINICIAN, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"consentToShare\": false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.consentToShare").value(false))
                .andExpect(jsonPath("$.consentHistory[1].consentToShare").value(false))
                .andExpect(jsonPath("$.consentHistory[1].recordedBy").value(CLINICIAN));
        prepareAndDischarge(id);

        assertThat(mailTo(email)).as("the discharge is not sent once consent is withdrawn").hasSize(1);
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::event, CarerNotice::status)
                .containsExactly(tuple("discharge-notice", CarerNotices.DELIVERED), tuple("discharged", CarerNotices.NO_CONSENT));
    }

    @Test
    void consentUntickedWhenTheNoticeIsGivenIsRecordedAndNothingIsSent() throws Exception {
        String email = "unticked." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", null, email, true));
        long sam = carerNamed(id, "Sam Taylor").id();
        // what the form shows: the carers as the register holds them, with the person's consent
        Object shown = runtime.getVariable(instanceOf(id, HospitalDischarge.KEY).getId(), "carers");
        assertThat(shown.toString()).contains("Sam Taylor").contains("\"consentToShare\":true");

        giveNotice(id, Spin.JSON("[{\"name\":\"Sam Taylor\",\"relationship\":\"Partner\",\"email\":\"" + email
                + "\",\"consentToShare\":false}]"));
        assertThat(runtime.getVariable(instanceOf(id, HospitalDischarge.KEY).getId(), "carers"))
                .as("the list shown stays with the form, not with the pathway").isNull();
        prepareAndDischarge(id);

        assertThat(mailTo(email)).isEmpty();
        Carer after = carers.find(id, sam).orElseThrow();
        assertThat(after.consentToShare()).isFalse();
        assertThat(carers.consentHistory(sam)).extracting(CarerRegister.ConsentDecision::consentToShare)
                .containsExactly(true, false);
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::status)
                .containsExactly(CarerNotices.NO_CONSENT, CarerNotices.NO_CONSENT);
    }

    @Test
    void consentWithdrawnWhileTheMessageWaitsWithholdsIt() throws Exception {
        String email = "waiting." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", null, email, true));
        long sam = carerNamed(id, "Sam Taylor").id();
        // the ward gives the notice; the notify step and the carer's delivery have not run yet
        tasks.complete(driver.openTask(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE).getId(), noticeValues(null));
        management.executeJob(management.createJobQuery()
                .activityId(HospitalDischarge.SERVICE_NOTIFY_SERVICES_OF_PLANNED_DISCHARGE)
                .processInstanceId(instanceOf(id, HospitalDischarge.KEY).getId()).singleResult().getId());
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::status).containsExactly(CarerNotices.PENDING);

        carers.recordConsent(sam, false, now(), CLINICIAN, now());
        fireDueTimers(id);

        assertThat(mailTo(email)).isEmpty();
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::status, CarerNotice::lastError)
                .containsExactly(tuple(CarerNotices.WITHHELD, CarerNotices.CONSENT_WITHDRAWN));
    }

    @Test
    void aMessageStillWaitingWhenThePersonDiesIsNeverSent() throws Exception {
        String email = "died." + suffix + "@example.org";
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", null, email, true));
        tasks.complete(driver.openTask(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE).getId(), noticeValues(null));
        management.executeJob(management.createJobQuery()
                .activityId(HospitalDischarge.SERVICE_NOTIFY_SERVICES_OF_PLANNED_DISCHARGE)
                .processInstanceId(instanceOf(id, HospitalDischarge.KEY).getId()).singleResult().getId());

        assertThat(messages.personDied(id, now(), "On the ward", null)).isTrue();
        fireDueTimers(id);

        assertThat(mailTo(email)).isEmpty();
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::status, CarerNotice::lastError)
                .containsExactly(tuple(CarerNotices.WITHHELD, CarerNotices.PERSON_DIED));
    }

    @Test
    void aCarerWithNoEmailAddressIsLeftToTheWardToTellByTelephone() throws Exception {
        String id = readyForDischargeWithCarers(carer("Sam Taylor", "Partner", "07700 900123", null, true));

        giveNotice(id);

        assertThat(SMTP.getReceivedMessages()).noneMatch(m -> {
            try {
                return body(m).contains("Dear Sam Taylor");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(carerNotices.forPathway(id)).extracting(CarerNotice::status, CarerNotice::lastError)
                .containsExactly(tuple(CarerNotices.BY_PHONE, CarerNotices.NO_EMAIL));
    }

    @Test
    void agreePurposeOfAdmissionRefusesACarerWithNoWayToReachThemOrABadAddress() {
        String id = admitted();
        String task = driver.openTask(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION).getId();

        assertThatThrownBy(() -> tasks.complete(task, purposeWith(carer("Sam Taylor", "Partner", null, null, true))))
                .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.message())
                        .containsExactly("carers[0].phone " + CarerDetails.NEEDS_A_CONTACT));
        assertThatThrownBy(() -> tasks.complete(task, purposeWith(carer("Sam Taylor", "Partner", "12", "sam@", true))))
                .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).contains("carers[0].email"));
        assertThatThrownBy(() -> tasks.complete(task, purposeWith(carer("Sam Taylor", "Partner", "12", null, true))))
                .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.message())
                        .containsExactly("carers[0].phone " + org.mhpathway.system.ContactDetails.NOT_A_PHONE_NUMBER));

        assertThat(carers.list(id)).as("nothing recorded").isEmpty();
        assertThat(openTasks(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION)).as("the task is still open").hasSize(1);
        complete(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION,
                purposeWith(carer("Sam Taylor", "Partner", "(01332) 623-700", null, true)));
        assertThat(carers.list(id)).extracting(Carer::name, Carer::phone, Carer::consentToShare)
                .containsExactly(tuple("Sam Taylor", "(01332) 623-700", true));
    }

    // ---- the pathway, as the ward walks it ----

    private static Map<String, Object> carer(String name, String relationship, String phone, String email,
                                             boolean consent) {
        Map<String, Object> carer = new HashMap<>(Map.of("name", name, "relationship", relationship,
                "consentToShare", consent));
        if (phone != null) {
            carer.put("phone", phone);
        }
        if (email != null) {
            carer.put("email", email);
        }
        return carer;
    }

    /** Admitted to Ward 1, Radbourne Unit; the referral named the person Priya Sharma. */
    private String admitted() {
        String id = referrals.refer(new ReferralRequest(newNhsNumber(), "1985-01-15", false, false, "adult-acute", "QJ2",
                "C81001", "crisis-team", null, new PersonName(List.of("Priya", "Anne"), "Sharma")));
        complete(id, org.mhpathway.pathway.PathwayProcesses.InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION,
                Map.of("presentingNeeds", NOTE + " psychotic relapse", "advanceChoicesReviewed", true,
                        "risksIdentified", NOTE + " self-neglect", "admitted", true, "socialCareInvolved", false));
        allocateBed(id, false);
        return id;
    }

    @SafeVarargs
    private Map<String, Object> purposeWith(Map<String, Object>... carers) {
        return Map.of("purposeOfAdmission", NOTE + " treat relapse", "purposeAgreedWithPerson", true,
                "carers", Spin.JSON(toJson(Arrays.asList(carers))));
    }

    /** Key Stage 1 with these carers, clinically ready, support in place and the discharge plan refined. */
    @SafeVarargs
    private String readyForDischargeWithCarers(Map<String, Object>... carers) {
        String id = admitted();
        complete(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, purposeWith(carers));
        complete(id, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary",
                NOTE + " relapse", "carePlanSummary", NOTE + " medication review", "carePlanCoProduced", true));
        complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", false));
        complete(id, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt", iso(now()),
                "physicalHealthFindings", NOTE + " raised blood pressure", "treatmentCommencedAt", iso(now())));
        complete(id, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of("crfdAt", iso(now()),
                "crfdRationale", NOTE + " settled"));
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", NOTE + " CMHT weekly",
                "estimatedDischargeDate", "2026-03-04", "eddChangeReason", "Date agreed with the community team"));
        return id;
    }

    private void giveNotice(String id) {
        complete(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, noticeValues(null));
    }

    /** The notice as the ward gives it; {@code carers} is the list shown with each consent as the ward leaves it. */
    private void giveNotice(String id, Object carers) {
        complete(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, noticeValues(carers));
    }

    private Map<String, Object> noticeValues(Object carers) {
        Map<String, Object> values = new HashMap<>(Map.of("dischargeNoticeGivenAt", iso(now()),
                "plannedDischargeAt", iso(now().plus(Duration.ofHours(48))), "noticeGivenTo", noticeGivenTo(),
                "carerContact", CONTACT));
        if (carers != null) {
            values.put("carers", carers);
        }
        return values;
    }

    private void prepareAndDischarge(String id) {
        complete(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now().plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        later(Duration.ofHours(48));
        complete(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(now()),
                "dischargeDestination", "home"));
    }

    private Carer carerNamed(String pathwayId, String name) {
        return carers.list(pathwayId).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertNothingClinicalOrIdentifying(MimeMessage mail, String nhsNumber) throws Exception {
        String spaced = nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
        assertThat(body(mail) + mail.getSubject()).doesNotContain(NOTE).doesNotContain(nhsNumber)
                .doesNotContain(spaced).doesNotContain("1985").doesNotContain("Sharma").doesNotContain("Anne")
                .doesNotContain("relapse").doesNotContain("CMHT");
    }

    private static List<MimeMessage> mailTo(String address) throws Exception {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static MimeMessage onlyMailTo(String address) throws Exception {
        List<MimeMessage> received = mailTo(address);
        assertThat(received).as("e-mail to the carer").hasSize(1);
        return received.get(0);
    }

    private static String body(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }

    private static String toJson(List<Map<String, Object>> carers) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(carers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
