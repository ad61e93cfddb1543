package org.mhpathway.housing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.spin.Spin;
import org.mhpathway.delay.DelayPeriodRecords;
import org.mhpathway.housing.HousingCases.Consent;
import org.mhpathway.housing.HousingCases.HousingCase;
import org.mhpathway.partners.CareTeam;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.pathway.PathwayVariables;
import org.mhpathway.sla.EscalationLadders;
import org.mhpathway.sla.EscalationLadders.Step;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Housing escalations (PATHWAY.md section 4), the work itself: a pathway's housing case, the duty to refer's consents
 * and referral, the per-ICS housing ladder while the housing authority is silent, the authority's answer, and
 * accommodation secured clearing the housing delay factor on the pathway. Called by the partners' answers, the API
 * and, through {@link HousingEscalations}, by the models; it never reads a model's execution.
 */
@Service
class HousingReferrals {

    static final String HOUSING_FACTOR = "housing";

    private static final Logger log = LoggerFactory.getLogger(HousingReferrals.class);

    /** What the officer recorded on the consent task's form, each field blank as null. */
    record ConsentForm(String referralConsent, String contactDetailsConsent, String housingAuthority,
                       String chosenHousingAuthority, String referralNotSentReason, String referralReason,
                       String personPhone, String personEmail, String contactArrangements, String localConnection,
                       String riskSummary) {

        boolean referring() {
            return "yes".equals(referralConsent) && "yes".equals(contactDetailsConsent);
        }
    }

    private final RuntimeService runtime;
    private final HousingCases cases;
    private final EscalationLadders ladders;
    private final PathwayRegister register;
    private final DelayPeriodRecords delays;
    private final PartnerDirectory directory;
    private final CareTeam careTeam;
    private final SlaPolicy policy;

    HousingReferrals(RuntimeService runtime, HousingCases cases, EscalationLadders ladders, PathwayRegister register,
                     DelayPeriodRecords delays, PartnerDirectory directory, CareTeam careTeam, SlaPolicy policy) {
        this.runtime = runtime;
        this.cases = cases;
        this.ladders = ladders;
        this.register = register;
        this.delays = delays;
        this.directory = directory;
        this.careTeam = careTeam;
        this.policy = policy;
    }

    /**
     * A housing need is recorded: starts the pathway's housing escalation unless one is running, so never twice.
     *
     * @return whether one was started
     */
    boolean start(String pathwayId) {
        if (running(pathwayId)) {
            return false;
        }
        PathwayRecord pathway = register.find(pathwayId).orElseThrow();
        cases.open(pathwayId, EngineClock.now());
        runtime.startProcessInstanceByKey(HousingEscalation.KEY, pathwayId, pathway.whoseTask());
        log.info("Pathway {}: housing need recorded; housing escalation started", pathwayId);
        return true;
    }

    boolean running(String pathwayId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(HousingEscalation.KEY)
                .processInstanceBusinessKey(pathwayId).active().count() > 0;
    }

    void assessed(String pathwayId, String needType, String notes) {
        cases.open(pathwayId, EngineClock.now());
        cases.assessed(pathwayId, needType, notes);
    }

    /**
     * The housing authorities the officer may choose from, as the consent form's choices. The person chooses any
     * English authority (Housing Act 1996 s213B, PATHWAY.md section 4): every active housing authority of the
     * directory is offered, those of the person's ICS first, each other one with its ICS's name.
     */
    List<Map<String, String>> authorityChoices(String homeIcs) {
        Comparator<Partner> byName = Comparator.comparing(Partner::name, String.CASE_INSENSITIVE_ORDER);
        List<Partner> authorities = directory.list(null, PartnerRole.HOUSING_AUTHORITY, false);
        List<Map<String, String>> choices = new ArrayList<>();
        authorities.stream().filter(p -> p.ics().equals(homeIcs)).sorted(byName)
                .forEach(p -> choices.add(choice(p.name(), p.id())));
        authorities.stream().filter(p -> !p.ics().equals(homeIcs))
                .sorted(Comparator.comparing((Partner p) -> policy.icsName(p.ics())).thenComparing(byName))
                .forEach(p -> choices.add(choice(p.name() + " (" + policy.icsName(p.ics()) + ")", p.id())));
        return choices;
    }

    private static Map<String, String> choice(String label, String value) {
        Map<String, String> choice = new LinkedHashMap<>();
        choice.put("label", label);
        choice.put("value", value);
        return choice;
    }

    /**
     * The consents recorded. With the person's consent to the referral and to sharing their contact details, the
     * authority they chose becomes the care team's housing authority: the referral, its chases and the housing
     * authority's part of later notices go to it, and its answers are taken. What the referral carries is kept on the
     * housing case, never in a log.
     *
     * @return the authority the referral goes to, if one
     */
    Optional<Partner> consentRecorded(String pathwayId, ConsentForm form) {
        Partner authority = form.referring() ? authority(form.housingAuthority()) : null;
        // a case recorded on the form before authorities came from the directory named the authority in words
        String authorityName = authority != null ? authority.name() : form.chosenHousingAuthority();
        cases.consent(pathwayId, form.referring()
                ? new Consent(form.referralConsent(), form.contactDetailsConsent(),
                        authority == null ? null : authority.id(), authorityName, null, form.referralReason(),
                        form.personPhone(), form.personEmail(), form.contactArrangements(), form.localConnection(),
                        form.riskSummary())
                : new Consent(form.referralConsent(), form.contactDetailsConsent(), null, authorityName,
                        form.referralNotSentReason(), null, null, null, null, null, null));
        if (authority != null) {
            careTeam.assign(pathwayId, PartnerRole.HOUSING_AUTHORITY, authority.id(), EngineClock.now());
            log.info("Pathway {}: the person chose housing authority {} for the duty to refer; it is the care team's "
                    + "housing authority now", pathwayId, authority.id());
        }
        return Optional.ofNullable(authority);
    }

    /** The authority chosen on the form; the form check has held it to the choices offered. */
    private Partner authority(String id) {
        return id == null ? null : directory.find(id).filter(p -> p.role() == PartnerRole.HOUSING_AUTHORITY).orElse(null);
    }

    /** Without consent the referral is not sent (Housing Act 1996 s213B); the reason the officer gave is kept. */
    void referralNotSent(String pathwayId, String referralConsent, String referralNotSentReason) {
        if (referralNotSentReason == null) {
            cases.notSent(pathwayId, "yes".equals(referralConsent)
                    ? "no consent to share contact details" : "no consent to the referral");
        }
    }

    /** The referral has gone: the ladder starts at level 1, the housing officer's. */
    void referralSent(String pathwayId, String homeIcs) {
        Instant now = EngineClock.now();
        Step first = ladders.start(EscalationLadders.HOUSING, homeIcs, now);
        cases.referralSent(pathwayId, now, first.reached().name(), first.nextDue());
    }

    /** When the current level's limit passes and the next level is told; none at the top of the ladder. */
    Optional<Instant> nextEscalationDue(String pathwayId) {
        return cases.open(pathwayId).map(HousingCase::nextEscalationDue);
    }

    /** The level whose limit passed with no answer from the housing authority: one level up. */
    Step climb(String pathwayId, String homeIcs) {
        HousingCase open = cases.open(pathwayId).orElseThrow();
        Step step = ladders.climb(EscalationLadders.HOUSING, homeIcs,
                open.escalationLevel() == null ? 1 : open.escalationLevel(), EngineClock.now());
        cases.escalated(pathwayId, step.level(), step.reached().name(), step.nextDue());
        return step;
    }

    /**
     * The housing authority's answer to a duty to refer (POST /api/partner-messages, event {@code duty-to-refer}):
     * it stops the ladder; {@code completed} means accommodation is secured and ends the escalation.
     *
     * @return the outcome recorded with the answer, or null when no housing escalation took it
     */
    String authorityAnswered(String pathwayId, String kind, String partnerId, Instant at) {
        if (cases.open(pathwayId).isEmpty()) {
            return null;
        }
        cases.answered(pathwayId, kind, at);
        boolean secured = "completed".equals(kind);
        int moved = runtime.createMessageCorrelation(HousingEscalation.MSG_HOUSING_AUTHORITY_ANSWERED)
                .processInstanceBusinessKey(pathwayId)
                .setVariable(HousingEscalation.AUTHORITY_ANSWER, kind)
                .setVariable(HousingEscalation.SECURED_BY, partnerId)
                .correlateAllWithResult().size();
        if (moved == 0 && secured) {
            moved = runtime.createMessageCorrelation(HousingEscalation.MSG_ACCOMMODATION_SECURED)
                    .processInstanceBusinessKey(pathwayId)
                    .setVariable(HousingEscalation.SECURED_BY, partnerId)
                    .correlateAllWithResult().size();
        }
        return secured && moved > 0 ? HousingEscalations.ACCOMMODATION_SECURED : HousingEscalations.REFERRAL_ANSWERED;
    }

    /**
     * Accommodation is secured: the case closes, the pathway's other running processes no longer carry a housing need
     * or a housing delay factor, and a delay waiting on housing is marked as cleared of it.
     */
    void accommodationSecured(String pathwayId, String escalationInstanceId, String securedBy) {
        boolean delayWaitedOnHousing = delays.open(pathwayId).map(d -> HOUSING_FACTOR.equals(d.reason())).orElse(false);
        cases.secured(pathwayId, EngineClock.now(), securedBy == null ? "housing" : securedBy, delayWaitedOnHousing);
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).active().list().stream()
                .filter(p -> !p.getProcessInstanceId().equals(escalationInstanceId))
                .filter(p -> runtime.getVariable(p.getId(), PathwayVariables.HOUSING_NEED) != null)
                .forEach(p -> {
                    runtime.setVariable(p.getId(), PathwayVariables.HOUSING_NEED, false);
                    Object factors = runtime.getVariable(p.getId(), HousingEscalation.DELAY_FACTORS);
                    List<String> left = new ArrayList<>(factors(factors));
                    if (left.remove(HOUSING_FACTOR)) {
                        runtime.setVariable(p.getId(), HousingEscalation.DELAY_FACTORS, factors instanceof Collection<?>
                                ? left : Spin.JSON(left));
                    }
                });
        log.info("Pathway {}: accommodation secured; housing delay factor cleared{}", pathwayId,
                delayWaitedOnHousing ? " (the open delay waited on housing)" : "");
    }

    /** The delay factors as a model holds them: a list, or a JSON array from a form. */
    static List<String> factors(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        List<String> out = new ArrayList<>();
        Spin.JSON(value.toString()).elements().forEach(e -> out.add(e.isString() ? e.stringValue() : e.toString()));
        return out;
    }
}
