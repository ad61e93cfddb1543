package org.mhpathway.housing;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.mhpathway.housing.HousingReferrals.ConsentForm;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayVariables;
import org.springframework.stereotype.Component;

/**
 * The housing escalation's steps as the models call them: {@code ${housingEscalations.startIfNeeded(execution)}} when
 * a housing need is recorded at admission or at a review, and the steps of {@code housing-escalation}. Each reads the
 * model's variables, typed, and calls {@link HousingReferrals}, which does the work (PATHWAY.md section 4).
 */
@Component("housingEscalations")
public class HousingEscalations {

    /** The partner answer's event about a duty to refer referral. */
    public static final String DUTY_TO_REFER = "duty-to-refer";
    /** Partner answer outcomes. */
    public static final String REFERRAL_ANSWERED = "housing-referral-answered";
    public static final String ACCOMMODATION_SECURED = "accommodation-secured";

    private final HousingReferrals referrals;

    HousingEscalations(HousingReferrals referrals) {
        this.referrals = referrals;
    }

    /**
     * End listener of the tasks that record a housing need (begin discharge planning, delay factor reviews): starts
     * the pathway's housing escalation when the need is recorded and none is running.
     *
     * @return whether one was started
     */
    public boolean startIfNeeded(DelegateExecution execution) {
        // a task cancelled (by the discharge or a death) recorded no housing need
        if (execution.isCanceled()) {
            return false;
        }
        boolean need = Boolean.TRUE.equals(execution.getVariable(PathwayVariables.HOUSING_NEED))
                || HousingReferrals.factors(execution.getVariable(HousingEscalation.DELAY_FACTORS))
                        .contains(HousingReferrals.HOUSING_FACTOR);
        return need && referrals.start(execution.getProcessBusinessKey());
    }

    public void assessed(DelegateExecution execution) {
        referrals.assessed(execution.getProcessBusinessKey(), string(execution, "housingNeedType"),
                string(execution, "housingNeedNotes"));
    }

    /**
     * Start listener of the task that records consent to refer: the housing authorities the officer may choose from,
     * as the form's choices ({@code housingAuthorityChoices}). The form check refuses any other value.
     */
    public void offerAuthorities(DelegateExecution execution) {
        execution.setVariable(HousingEscalation.HOUSING_AUTHORITY_CHOICES,
                Spin.JSON(referrals.authorityChoices(string(execution, PathwayVariables.HOME_ICS))));
    }

    /** End listener of the task that records consent to refer: the consents, and the authority chosen. */
    public void consentRecorded(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        ConsentForm form = new ConsentForm(string(execution, "referralConsent"),
                string(execution, "contactDetailsConsent"), string(execution, HousingEscalation.HOUSING_AUTHORITY),
                string(execution, "chosenHousingAuthority"), string(execution, "referralNotSentReason"),
                string(execution, "referralReason"), string(execution, "personPhone"), string(execution, "personEmail"),
                string(execution, "contactArrangements"), string(execution, "localConnection"),
                string(execution, "riskSummary"));
        execution.removeVariable(HousingEscalation.HOUSING_AUTHORITY_CHOICES);
        referrals.consentRecorded(execution.getProcessBusinessKey(), form).ifPresent(authority ->
                execution.setVariable(HousingEscalation.HOUSING_AUTHORITY_NAME, authority.name()));
    }

    public void referralNotSent(DelegateExecution execution) {
        referrals.referralNotSent(execution.getProcessBusinessKey(), string(execution, "referralConsent"),
                string(execution, "referralNotSentReason"));
    }

    public void referralSent(DelegateExecution execution) {
        referrals.referralSent(execution.getProcessBusinessKey(), string(execution, PathwayVariables.HOME_ICS));
    }

    /**
     * The due date of a level's escalation task: when the level's limit passes and the next level is told. None at
     * the top of the ladder, where no further limit runs.
     */
    public Date escalationTaskDue(DelegateExecution execution) {
        return referrals.nextEscalationDue(execution.getProcessBusinessKey()).map(Date::from).orElse(null);
    }

    /** The ladder's timer: when the current level's limit passes. */
    public Date nextEscalationDue(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        Instant due = referrals.nextEscalationDue(pathwayId).orElseThrow(() -> new IllegalStateException(
                "housing referral of " + pathwayId + " is at the top of its ladder"));
        return Date.from(due);
    }

    /** A level's limit passed with no answer from the housing authority: one level up. */
    public void climb(DelegateExecution execution) {
        execution.setVariables(referrals.climb(execution.getProcessBusinessKey(),
                string(execution, PathwayVariables.HOME_ICS)).variables());
    }

    public void accommodationSecured(DelegateExecution execution) {
        referrals.accommodationSecured(execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
                string(execution, HousingEscalation.SECURED_BY));
    }

    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
