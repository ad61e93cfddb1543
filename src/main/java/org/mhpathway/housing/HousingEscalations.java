package org.mhpathway.housing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
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
import org.springframework.stereotype.Component;

/**
 * Housing escalations (PATHWAY.md section 4), as the models call them: {@code ${housingEscalations.startIfNeeded(execution)}}
 * when a housing need is recorded at admission or at a review, and the steps of {@code housing-escalation}: the duty
 * to refer's consents, the per-ICS housing ladder while the housing authority is silent, and accommodation secured
 * clearing the housing delay factor on the pathway.
 */
@Component("housingEscalations")
public class HousingEscalations {

    /** The partner answer's event about a duty to refer referral. */
    public static final String DUTY_TO_REFER = "duty-to-refer";
    /** Partner answer outcomes. */
    public static final String REFERRAL_ANSWERED = "housing-referral-answered";
    public static final String ACCOMMODATION_SECURED = "accommodation-secured";

    static final String HOUSING_FACTOR = "housing";

    private static final Logger log = LoggerFactory.getLogger(HousingEscalations.class);

    private final RuntimeService runtime;
    private final HousingCases cases;
    private final EscalationLadders ladders;
    private final PathwayRegister register;
    private final DelayPeriodRecords delays;
    private final PartnerDirectory directory;
    private final CareTeam careTeam;
    private final SlaPolicy policy;

    public HousingEscalations(RuntimeService runtime, HousingCases cases, EscalationLadders ladders,
                              PathwayRegister register, DelayPeriodRecords delays, PartnerDirectory directory,
                              CareTeam careTeam, SlaPolicy policy) {
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
     * End listener of the tasks that record a housing need (begin discharge planning, delay factor reviews): starts
     * the pathway's housing escalation when the need is recorded and none is running, so never twice at once.
     *
     * @return whether one was started
     */
    public boolean startIfNeeded(DelegateExecution execution) {
        // a task cancelled (by the discharge or a death) recorded no housing need
        if (execution.isCanceled()) {
            return false;
        }
        if (!Boolean.TRUE.equals(execution.getVariable(PathwayVariables.HOUSING_NEED))
                && !factors(execution.getVariable(HousingEscalation.DELAY_FACTORS)).contains(HOUSING_FACTOR)) {
            return false;
        }
        String pathwayId = execution.getProcessBusinessKey();
        if (running(pathwayId)) {
            return false;
        }
        PathwayRecord pathway = register.find(pathwayId).orElseThrow();
        cases.open(pathwayId, EngineClock.now());
        runtime.startProcessInstanceByKey(HousingEscalation.KEY, pathwayId, pathway.whoseTask());
        log.info("Pathway {}: housing need recorded; housing escalation started", pathwayId);
        return true;
    }

    public boolean running(String pathwayId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(HousingEscalation.KEY)
                .processInstanceBusinessKey(pathwayId).active().count() > 0;
    }

    public void assessed(DelegateExecution execution) {
        cases.open(execution.getProcessBusinessKey(), EngineClock.now());
        cases.assessed(execution.getProcessBusinessKey(), string(execution, "housingNeedType"),
                string(execution, "housingNeedNotes"));
    }

    /**
     * Start listener of the task that records consent to refer: the housing authorities the officer may choose from,
     * as the form's choices ({@code housingAuthorityChoices}). The person chooses any English authority (Housing Act
     * 1996 s213B, PATHWAY.md section 4): every active housing authority of the directory is offered, those of the
     * person's ICS first, each other one with its ICS's name. The form check refuses any other value.
     */
    public void offerAuthorities(DelegateExecution execution) {
        String ics = string(execution, PathwayVariables.HOME_ICS);
        Comparator<Partner> byName = Comparator.comparing(Partner::name, String.CASE_INSENSITIVE_ORDER);
        List<Partner> authorities = directory.list(null, PartnerRole.HOUSING_AUTHORITY, false);
        List<Map<String, String>> choices = new ArrayList<>();
        authorities.stream().filter(p -> p.ics().equals(ics)).sorted(byName)
                .forEach(p -> choices.add(choice(p.name(), p.id())));
        authorities.stream().filter(p -> !p.ics().equals(ics))
                .sorted(Comparator.comparing((Partner p) -> policy.icsName(p.ics())).thenComparing(byName))
                .forEach(p -> choices.add(choice(p.name() + " (" + policy.icsName(p.ics()) + ")", p.id())));
        execution.setVariable(HousingEscalation.HOUSING_AUTHORITY_CHOICES, Spin.JSON(choices));
    }

    private static Map<String, String> choice(String label, String value) {
        Map<String, String> choice = new LinkedHashMap<>();
        choice.put("label", label);
        choice.put("value", value);
        return choice;
    }

    /**
     * End listener of the task that records consent to refer. With the person's consent to the referral and to sharing
     * their contact details, the authority they chose becomes the care team's housing authority: the referral, its
     * chases and the housing authority's part of later notices go to it, and its answers are taken. What the referral
     * carries is kept on the housing case, never in a log.
     */
    public void consentRecorded(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        String pathwayId = execution.getProcessBusinessKey();
        String referralConsent = string(execution, "referralConsent");
        String contactConsent = string(execution, "contactDetailsConsent");
        boolean referring = "yes".equals(referralConsent) && "yes".equals(contactConsent);
        Partner authority = referring ? authority(execution) : null;
        // a case recorded on the form before authorities came from the directory named the authority in words
        String authorityName = authority != null ? authority.name() : string(execution, "chosenHousingAuthority");
        cases.consent(pathwayId, referring
                ? new Consent(referralConsent, contactConsent, authority == null ? null : authority.id(), authorityName,
                        null, string(execution, "referralReason"), string(execution, "personPhone"),
                        string(execution, "personEmail"), string(execution, "contactArrangements"),
                        string(execution, "localConnection"), string(execution, "riskSummary"))
                : new Consent(referralConsent, contactConsent, null, authorityName,
                        string(execution, "referralNotSentReason"), null, null, null, null, null, null));
        execution.removeVariable(HousingEscalation.HOUSING_AUTHORITY_CHOICES);
        if (authority != null) {
            careTeam.assign(pathwayId, PartnerRole.HOUSING_AUTHORITY, authority.id(), EngineClock.now());
            execution.setVariable(HousingEscalation.HOUSING_AUTHORITY_NAME, authority.name());
            log.info("Pathway {}: the person chose housing authority {} for the duty to refer; it is the care team's "
                    + "housing authority now", pathwayId, authority.id());
        }
    }

    /** The authority chosen on the form; the form check has held it to the choices offered. */
    private Partner authority(DelegateExecution execution) {
        String id = string(execution, HousingEscalation.HOUSING_AUTHORITY);
        return id == null ? null : directory.find(id).filter(p -> p.role() == PartnerRole.HOUSING_AUTHORITY).orElse(null);
    }

    /** Without consent the referral is not sent (Housing Act 1996 s213B); the reason the officer gave is kept. */
    public void referralNotSent(DelegateExecution execution) {
        if (string(execution, "referralNotSentReason") == null) {
            String reason = "yes".equals(string(execution, "referralConsent"))
                    ? "no consent to share contact details" : "no consent to the referral";
            cases.notSent(execution.getProcessBusinessKey(), reason);
        }
    }

    /** The referral has gone: the ladder starts at level 1, the housing officer's. */
    public void referralSent(DelegateExecution execution) {
        Instant now = EngineClock.now();
        Step first = ladders.start(EscalationLadders.HOUSING, string(execution, PathwayVariables.HOME_ICS), now);
        cases.referralSent(execution.getProcessBusinessKey(), now, first.reached().name(), first.nextDue());
    }

    /**
     * The due date of a level's escalation task: when the level's limit passes and the next level is told. None at
     * the top of the ladder, where no further limit runs.
     */
    public Date escalationTaskDue(DelegateExecution execution) {
        return cases.open(execution.getProcessBusinessKey())
                .map(open -> open.nextEscalationDue() == null ? null : Date.from(open.nextEscalationDue()))
                .orElse(null);
    }

    public Date nextEscalationDue(DelegateExecution execution) {
        HousingCase open = cases.open(execution.getProcessBusinessKey()).orElseThrow();
        if (open.nextEscalationDue() == null) {
            throw new IllegalStateException("housing referral of " + open.pathwayId() + " is at the top of its ladder");
        }
        return Date.from(open.nextEscalationDue());
    }

    /** A level's limit passed with no answer from the housing authority: one level up. */
    public void climb(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        HousingCase open = cases.open(pathwayId).orElseThrow();
        Step step = ladders.climb(EscalationLadders.HOUSING, string(execution, PathwayVariables.HOME_ICS),
                open.escalationLevel() == null ? 1 : open.escalationLevel(), EngineClock.now());
        cases.escalated(pathwayId, step.level(), step.reached().name(), step.nextDue());
        execution.setVariables(step.variables());
    }

    /**
     * The housing authority's answer to a duty to refer (POST /api/partner-messages, event {@code duty-to-refer}):
     * it stops the ladder; {@code completed} means accommodation is secured and ends the escalation.
     *
     * @return the outcome recorded with the answer, or null when no housing escalation took it
     */
    public String authorityAnswered(String pathwayId, String kind, String partnerId, Instant at) {
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
        return secured && moved > 0 ? ACCOMMODATION_SECURED : REFERRAL_ANSWERED;
    }

    /**
     * Accommodation is secured: the case closes, the pathway's running processes no longer carry a housing need or
     * a housing delay factor, and a delay waiting on housing is marked as cleared of it.
     */
    public void accommodationSecured(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        boolean delayWaitedOnHousing = delays.open(pathwayId).map(d -> HOUSING_FACTOR.equals(d.reason())).orElse(false);
        Object by = execution.getVariable(HousingEscalation.SECURED_BY);
        cases.secured(pathwayId, EngineClock.now(), by == null ? "housing" : by.toString(), delayWaitedOnHousing);
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).active().list().stream()
                .filter(p -> !p.getProcessInstanceId().equals(execution.getProcessInstanceId()))
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

    private static List<String> factors(Object value) {
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

    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
