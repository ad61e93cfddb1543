package org.mhpathway.demo;

import static org.mhpathway.demo.DemoHistory.at;

import static java.util.Map.entry;
import static org.mhpathway.pathway.PathwayProcesses.HospitalDischarge.*;
import static org.mhpathway.pathway.PathwayProcesses.PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE;
import static org.mhpathway.pathway.PathwayProcesses.InpatientPathway.*;
import static org.mhpathway.pathway.PathwayProcesses.InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE;
import static org.mhpathway.pathway.PathwayProcesses.KeyStage1.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.Spin;
import org.mhpathway.partners.PartnerAdministration;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRequest;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: a user per candidate group (password = user id) working in every ICS, one who works in
 * Nottingham and Nottinghamshire only, on an empty directory the partner
 * agencies of {@code demo/partners.json}, and on an empty database sample patients at different stages so
 * Tasklist and Cockpit show real work at first start. NHS numbers are in the 999 range that is never issued to
 * a person.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mhpathway.demo.sample-patients", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** user id (also the demo password), display name, group, and the one ICS they work in (else all of them). */
    static final List<String[]> USERS = List.of(
            new String[] {"clinician", "Ward Clinician", "ward-clinicians"},
            new String[] {"bedmanager", "Bed Manager", "bed-management"},
            new String[] {"hub", "Discharge Coordinator", "discharge-hub"},
            new String[] {"housing", "Housing Officer", "housing"},
            new String[] {"cmht", "Community Mental Health Team", "community-mh-team"},
            new String[] {"manager", "Ward Manager", "managers"},
            // works in Nottingham and Nottinghamshire only: sees none of the other ICSs' patients
            new String[] {"nottsclinician", "Nottinghamshire Clinician", "ward-clinicians", "QT1"});
    static final String ADMIN = "demo";
    /** A ward and hospital in each ICS, for the demo beds. */
    static final Map<String, String[]> WARDS = Map.of(
            "QJ2", new String[] {"Ward 1", "Derby mental health unit"},
            "QT1", new String[] {"Ward 2", "Nottingham mental health unit"},
            "QHG", new String[] {"Willow Ward", "Luton mental health unit"});
    static final String PARTNERS = "demo/partners.json";
    private static final String INBOX_PATH = "/demo/partner-inbox/";

    private final IdentityService identity;
    private final ReferralService referrals;
    private final PathwayDriver driver;
    private final PathwayRegister register;
    private final PartnerDirectory partners;
    private final PartnerAdministration partnerAdministration;
    private final ObjectMapper json;
    private final org.mhpathway.partners.ServiceAddress serviceAddress;
    private final org.mhpathway.system.StartupSetupLock setupLock;
    private final org.mhpathway.sla.SlaPolicy policy;
    private final Map<String, String> icsOf = new java.util.HashMap<>();
    private int beds;

    public DemoData(IdentityService identity, ReferralService referrals, PathwayDriver driver, PathwayRegister register,
                    PartnerDirectory partners, PartnerAdministration partnerAdministration, ObjectMapper json,
                    org.mhpathway.partners.ServiceAddress serviceAddress, org.mhpathway.sla.SlaPolicy policy,
                    org.mhpathway.system.StartupSetupLock setupLock) {
        this.serviceAddress = serviceAddress;
        this.setupLock = setupLock;
        this.policy = policy;
        this.identity = identity;
        this.referrals = referrals;
        this.driver = driver;
        this.register = register;
        this.partners = partners;
        this.partnerAdministration = partnerAdministration;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void seed() {
        // one node of a demo cluster at a time: the second finds the users, partners and patients the first laid out
        setupLock.run(this::seedNow);
    }

    private void seedNow() {
        seedUsers();
        // before the patients: their care teams are taken from the directory at referral
        seedPartners();
        if (register.countAll() == 0) {
            seedPatients();
        }
    }

    void seedUsers() {
        for (String[] u : USERS) {
            if (identity.createUserQuery().userId(u[0]).count() == 0) {
                User user = identity.newUser(u[0]);
                String[] names = u[1].split(" ", 2);
                user.setFirstName(names[0]);
                user.setLastName(names[1]);
                user.setPassword(u[0]);
                identity.saveUser(user);
                identity.createMembership(u[0], u[2]);
                List<String> icss = u.length > 3 ? List.of(u[3]) : List.copyOf(policy.icsCodes());
                for (String ics : icss) {
                    identity.createTenantUserMembership(ics, u[0]);
                }
            }
            if (identity.createUserQuery().userId(ADMIN).memberOfGroup(u[2]).count() == 0
                    && identity.createUserQuery().userId(ADMIN).count() > 0) {
                identity.createMembership(ADMIN, u[2]);
            }
        }
        // the demo administrator also works every ICS, so the demo's API calls can be tried with one login
        for (String ics : policy.icsCodes()) {
            if (identity.createTenantQuery().tenantId(ics).userMember(ADMIN).count() == 0
                    && identity.createUserQuery().userId(ADMIN).count() > 0) {
                identity.createTenantUserMembership(ics, ADMIN);
            }
        }
    }

    /**
     * Adds each entry the directory does not hold yet, checked as {@code PUT /api/partners/{id}} would check it; a bad
     * entry stops the start. An entry already held is left as it is, changed or deactivated, so a demo database made
     * before an entry was added to the file gains it (every housing authority of each ICS) and loses nothing. The
     * demo partners' webhooks go to this service's own demo inbox ({@code {serviceUrl}} in the file), so the demo's
     * notices are really delivered and can be read at {@code /demo/partner-inbox}. A held entry whose webhook is still
     * the demo inbox at another address (the demo started before on another port) is pointed at this start's inbox.
     */
    void seedPartners() {
        String serviceUrl = serviceAddress.get();
        try (InputStream in = new ClassPathResource(PARTNERS).getInputStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("{serviceUrl}", serviceUrl);
            JsonNode entries = json.readTree(text);
            int added = 0;
            int moved = 0;
            for (JsonNode entry : entries) {
                String id = entry.path("id").asText(null);
                var held = id == null ? java.util.Optional.<org.mhpathway.partners.Partner>empty() : partners.find(id);
                if (held.isPresent()) {
                    if (followThisStartsAddress(held.get(), entry.path("webhookUrl").asText(null))) {
                        moved++;
                    }
                    continue;
                }
                partnerAdministration.put(id, json.treeToValue(entry, PartnerRequest.class));
                added++;
            }
            if (added > 0) {
                log.info("Demo data: {} of {} partner agencies added from {}", added, entries.size(), PARTNERS);
            }
            if (moved > 0) {
                log.info("Demo data: {} partner agencies' webhooks now go to this start's inbox at {}", moved, serviceUrl);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PARTNERS, e);
        }
    }

    /** Whether the held entry's webhook was the demo inbox at another address, and now is this start's. */
    private boolean followThisStartsAddress(org.mhpathway.partners.Partner held, String inbox) {
        String webhook = held.webhookUrl();
        if (inbox == null || webhook == null || webhook.equals(inbox)
                || !webhook.endsWith(INBOX_PATH + held.id()) || !inbox.endsWith(INBOX_PATH + held.id())) {
            return false;
        }
        partners.save(new org.mhpathway.partners.Partner(held.id(), held.name(), held.role(), held.odsCode(), held.ics(),
                inbox, held.signingSecret(), held.email(), held.emailSecure(), held.active()), null, EngineClock.now());
        return true;
    }

    /**
     * Lays each patient out as it would have happened: the engine clock is set back to each step's time, so
     * deadlines met on time are not recorded as missed and timers count from the real dates.
     */
    void seedPatients() {
        Instant now = EngineClock.now().truncatedTo(ChronoUnit.MINUTES);
        try {
            seedPatients(now);
        } finally {
            ClockUtil.reset();
        }
        log.info("Demo data: 7 sample patients laid out");
        new DemoHistory(referrals, driver, now, 1000).layOut(List.copyOf(policy.icsCodes()));
        log.info("Demo data: {} past patients of each ICS laid out", DemoHistory.PATIENTS_PER_ICS);
    }

    private void seedPatients(Instant now) {
        // 1. just referred: waiting for the crisis team's assessment
        String referred = at(now.minus(Duration.ofHours(1)), () -> refer("9990000018", "1987-03-14", false, false,
                "adult-acute", "QJ2", "Jordan", "Ellis"));
        caughtUp(referred);

        // 2. in Key Stage 1, admitted 28 hours ago, purpose of admission agreed
        String ks1 = at(now.minus(Duration.ofHours(30)), () -> refer("9990000085", "1979-11-02", false, false,
                "adult-acute", "QT1", "Priya", "Sharma"));
        at(now.minus(Duration.ofHours(28)), () -> admit(ks1, false));
        at(now.minus(Duration.ofHours(20)), () -> driver.complete(ks1, TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of(
                "purposeOfAdmission", "Stabilise mood and agree a safety plan with the person and their sister",
                "purposeAgreedWithPerson", true, "carers", Spin.JSON("[{\"name\":\"Anita Sharma\","
                        + "\"relationship\":\"Sister\",\"phone\":\"07700 900123\",\"consentToShare\":true}]"))));
        caughtUp(ks1);

        // 3. out of area, Key Stage 1 overdue: the 72-hour deadline has passed and is recorded as missed
        String oap = at(now.minus(Duration.ofDays(4)), () -> refer("9990000158", "1995-06-30", false, false, "picu", "QHG", null, null));
        at(now.minus(Duration.ofDays(4)).plus(Duration.ofHours(2)), () -> admit(oap, true));
        caughtUp(oap);

        // 4. delayed discharge: clinically ready 9 days ago, waiting for housing
        String delayed = at(now.minus(Duration.ofDays(45)), () -> refer("9990000220", "1968-01-21", false, false,
                "rehabilitation", "QJ2", "Michael", "O'Brien"));
        at(now.minus(Duration.ofDays(45)).plus(Duration.ofHours(3)), () -> admit(delayed, false));
        at(now.minus(Duration.ofDays(44)), () -> completeKeyStage1(delayed, now.minus(Duration.ofDays(10)), true));
        at(now.minus(Duration.ofDays(9)), () -> {
            driver.complete(delayed, TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of(
                    "crfdAt", iso(EngineClock.now()), "crfdRationale", "Mental state settled for four weeks"));
            driver.complete(delayed, TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                    "delayReason", "housing", "delayAttribution", "social-care",
                    "responsibleLocalAuthority", "Derby City Council",
                    "delayNotes", "Previous tenancy lost during admission; homelessness assessment requested"));
        });
        caughtUp(delayed);

        // 5. discharged yesterday: follow-up within 72 hours and GP summary within 7 days are running
        String followUp = at(now.minus(Duration.ofDays(20)), () -> refer("9990000298", "1949-09-09", false, false,
                "older-adult", "QT1", "Margaret", "Hughes"));
        at(now.minus(Duration.ofDays(20)).plus(Duration.ofHours(2)), () -> admit(followUp, false));
        // her daughter is told by the ward by telephone (no e-mail address); her son, by her choice, is not told
        at(now.minus(Duration.ofDays(19)), () -> completeKeyStage1(followUp, now.minus(Duration.ofDays(1)), false,
                "[{\"name\":\"Susan Hughes\",\"relationship\":\"Daughter\",\"phone\":\"0115 496 0123\","
                        + "\"consentToShare\":true},{\"name\":\"David Hughes\",\"relationship\":\"Son\","
                        + "\"phone\":\"07700 900456\",\"consentToShare\":false}]"));
        at(now.minus(Duration.ofDays(3)), () -> {
            driver.complete(followUp, TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of(
                    "crfdAt", iso(EngineClock.now()), "crfdRationale", "Delirium resolved"));
            driver.complete(followUp, TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
            driver.complete(followUp, TASK_REFINE_DISCHARGE_PLAN, Map.of(
                    "dischargePlan", "Home care twice daily from discharge day; CMHT visit within 72 hours",
                    "estimatedDischargeDate", date(now.minus(Duration.ofDays(1))),
                    "eddChangeReason", "Home care package started sooner than planned"));
            driver.complete(followUp, TASK_GIVE_DISCHARGE_NOTICE, Map.of(
                    "dischargeNoticeGivenAt", iso(EngineClock.now()),
                    "plannedDischargeAt", iso(now.minus(Duration.ofHours(20))),
                    "noticeGivenTo", Spin.JSON("[\"person\",\"carers\",\"community-mh-team\",\"gp\"]"),
                    "carerContact", "Nurse in charge, 0115 496 0999"));
            driver.complete(followUp, TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                    "followUpMeetingAt", iso(now.plus(Duration.ofHours(30))), "followUpLocation", "Home visit",
                    "followUpWith", "CMHT care coordinator", "crisisContactsGiven", true));
        });
        at(now.minus(Duration.ofHours(20)), () -> driver.complete(followUp, TASK_RECORD_DISCHARGE, Map.of(
                "dischargedAt", iso(EngineClock.now()), "dischargeDestination", "home")));
        caughtUp(followUp);

        // 6. autistic young person with an EHC plan: C(E)TR not possible before admission, so due within 28 days
        String ld = at(now.minus(Duration.ofDays(10)), () -> refer("9990000360", "2004-05-17", true, true,
                "learning-disability-and-autism", "QHG", "Alex", "Morgan"));
        at(now.minus(Duration.ofDays(9)), () -> {
            driver.complete(ld, TASK_HOLD_PRE_ADMISSION_CETR, Map.of("cetrHeldBeforeAdmission", false,
                    "cetrNotHeldReason", "Admitted under section 2 out of hours"));
            driver.complete(ld, TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, assessment(true));
            driver.complete(ld, TASK_ALLOCATE_BED, bed(ld, false));
        });
        at(now.minus(Duration.ofDays(8)), () -> completeKeyStage1(ld, now.plus(Duration.ofDays(30)), false));
        caughtUp(ld);

        // 7. community alternative: not admitted, pathway closed with the crisis team told
        String community = at(now.minus(Duration.ofDays(2)), () -> refer("9990000433", "2001-12-01", false, false,
                "adult-acute", "QJ2", "Chloe", "Walker"));
        at(now.minus(Duration.ofDays(2)).plus(Duration.ofHours(1)), () -> driver.complete(community,
                TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.ofEntries(
                        entry("presentingNeeds", "Low mood after bereavement"), entry("advanceChoicesReviewed", true),
                        entry("risksIdentified", "None immediate"), entry("admitted", false),
                        entry("communityAlternative", "crisis-resolution-home-treatment"))));
        caughtUp(community);
    }

    /** Back to the present: reviews and deadlines that fell due since the step fire now. */
    private void caughtUp(String pathwayId) {
        ClockUtil.reset();
        driver.runDueJobs(pathwayId);
    }

    /** A referral; a crisis presentation may come without a name (given and family null). */
    private String refer(String nhsNumber, String dateOfBirth, boolean ldOrAutism, boolean ehcPlan, String wardType,
                         String ics, String given, String family) {
        PersonName name = given == null && family == null ? null : new PersonName(List.of(given), family);
        String id = referrals.refer(new ReferralRequest(nhsNumber, dateOfBirth, ldOrAutism, ehcPlan, wardType, ics,
                "C81001", "crisis-team", null, name));
        icsOf.put(id, ics);
        driver.runDueJobs(id);
        return id;
    }

    private void admit(String pathwayId, boolean outOfArea) {
        driver.complete(pathwayId, TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, assessment(true));
        driver.complete(pathwayId, TASK_ALLOCATE_BED, bed(pathwayId, outOfArea));
    }

    private void completeKeyStage1(String pathwayId, Instant estimatedDischarge, boolean housingNeed) {
        completeKeyStage1(pathwayId, estimatedDischarge, housingNeed, "[]");
    }

    /** @param carers the person's chosen carers, as the form's list records them (JSON) */
    private void completeKeyStage1(String pathwayId, Instant estimatedDischarge, boolean housingNeed, String carers) {
        String estimatedDischargeDate = date(estimatedDischarge);
        driver.complete(pathwayId, TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission",
                "Treatment of acute relapse", "purposeAgreedWithPerson", true, "carers", Spin.JSON(carers)));
        driver.complete(pathwayId, TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary",
                "Relapse after stopping medication", "carePlanSummary", "Medication review, OT, family work",
                "carePlanCoProduced", true));
        Map<String, Object> planning = new HashMap<>(Map.of("estimatedDischargeDate", estimatedDischargeDate,
                "intendedDestination", "home", "housingNeed", housingNeed,
                "delayFactors", Spin.JSON(housingNeed ? "[\"housing\"]" : "[]")));
        if (housingNeed) {
            planning.put("housingNeedDetails", "Tenancy ended during the admission; no address to return to");
        }
        driver.complete(pathwayId, TASK_BEGIN_DISCHARGE_PLANNING, planning);
        driver.complete(pathwayId, TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of(
                "physicalHealthCheckAt", iso(EngineClock.now()), "treatmentCommencedAt", iso(EngineClock.now())));
    }

    private static Map<String, Object> assessment(boolean admit) {
        return Map.of("presentingNeeds", "Psychotic relapse with risk to self", "advanceChoicesReviewed", true,
                "risksIdentified", "Self-neglect; not eating", "admitted", admit, "socialCareInvolved", false);
    }

    /** A bed on a ward of the person's own ICS, or out of area; each demo patient gets the next bed number. */
    private Map<String, Object> bed(String pathwayId, boolean outOfArea) {
        Instant admittedAt = EngineClock.now();
        String bedNumber = String.valueOf(++beds);
        return outOfArea
                ? Map.of("ward", "Ward 3", "hospital", "Private hospital, Manchester", "bed", bedNumber,
                        "admittedAt", iso(admittedAt), "outOfArea", true, "outOfAreaReason", "No PICU bed in area")
                : Map.of("ward", WARDS.get(icsOf.get(pathwayId))[0], "hospital", WARDS.get(icsOf.get(pathwayId))[1],
                        "bed", bedNumber, "admittedAt", iso(admittedAt), "outOfArea", false);
    }

    private static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    private static String date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
