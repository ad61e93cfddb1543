package org.mhpathway.partners;

import static org.mhpathway.partners.PartnerRole.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayVariables;

/**
 * The events partner agencies are told of, and who is told (PATHWAY.md sections 1 to 5). A BPMN step names its
 * event with the input parameter {@code notificationEvent}; a new notice is a new constant, a model change and
 * its wording in {@code partners/notice-wording.properties}. Some recipients are told only when the pathway's
 * variables say they are involved.
 */
public enum NotificationEvent {
    /** Admitted to a bed: the GP and community team; the local authority when social care is involved. */
    ADMITTED("admitted", Map.of(
            GP_PRACTICE, always(), COMMUNITY_MH_TEAM, always(),
            LOCAL_AUTHORITY, variableIsTrue("socialCareInvolved"))),
    /** Admission not needed: the crisis team and GP learn of the community alternative. */
    COMMUNITY_ALTERNATIVE_ARRANGED("community-alternative-arranged", Map.of(CRISIS_TEAM, always(), GP_PRACTICE, always())),
    /**
     * A bed outside the home ICS, at admission or by a move during the stay: an out-of-area placement starts and the
     * commissioner is told.
     */
    OUT_OF_AREA_PLACEMENT("out-of-area-placement", Map.of(COMMISSIONER, always())),
    /**
     * Back in a bed in the home ICS (PATHWAY.md sections 2 and 5b): the out-of-area placement has ended and the
     * commissioner, who was told of it, is told of its end.
     */
    REPATRIATED("repatriated", Map.of(COMMISSIONER, always())),
    /**
     * Clinically ready but not dischargeable (PATHWAY.md section 3): the community team and the commissioner; the
     * local authority when the delay is social care's; the housing authority when it waits on housing.
     */
    DELAYED_DISCHARGE("delayed-discharge", Map.of(
            COMMUNITY_MH_TEAM, always(), COMMISSIONER, always(),
            LOCAL_AUTHORITY, variableIn("delayAttribution", Set.of("social-care", "both")),
            HOUSING_AUTHORITY, variableIn("delayReason", Set.of("housing")))),
    /**
     * A delayed discharge has climbed a level of its escalation ladder (PATHWAY.md section 3): the roles that level
     * names are told, listed comma-separated in {@code escalationRoles} by the ladder step.
     */
    DELAYED_DISCHARGE_ESCALATED("delayed-discharge-escalated", Arrays.stream(PartnerRole.values()).collect(
            java.util.stream.Collectors.toMap(role -> role, role -> variableListsRole("escalationRoles", role)))),
    /**
     * The duty to refer (Housing Act 1996 s213B, PATHWAY.md section 4): with the person's consent, the housing
     * authority they chose ({@code housingAuthority}) is referred a person homeless or threatened with homelessness
     * within 56 days. The one notice that names the person and says how to contact them.
     */
    DUTY_TO_REFER("duty-to-refer", Map.of(HOUSING_AUTHORITY, always()),
            Map.of(HOUSING_AUTHORITY, HousingEscalation.HOUSING_AUTHORITY)),
    /**
     * A duty to refer referral has climbed a level of the housing ladder: the roles the level names are told; the
     * housing authority told is the one the person chose, which the referral went to.
     */
    DUTY_TO_REFER_ESCALATED("duty-to-refer-escalated", Arrays.stream(PartnerRole.values()).collect(
            java.util.stream.Collectors.toMap(role -> role, role -> variableListsRole("escalationRoles", role))),
            Map.of(HOUSING_AUTHORITY, HousingEscalation.HOUSING_AUTHORITY)),
    /** At least 48 hours' notice of discharge to every service involved, and to the carers who may be told. */
    DISCHARGE_NOTICE("discharge-notice", Map.of(COMMUNITY_MH_TEAM, always(), CRISIS_TEAM, always(), GP_PRACTICE, always(),
            LOCAL_AUTHORITY, always(), HOUSING_AUTHORITY, always())),
    /** The person has left hospital: the services, and the carers who may be told. */
    DISCHARGED("discharged", Map.of(GP_PRACTICE, always(), COMMUNITY_MH_TEAM, always(), CRISIS_TEAM, always())),
    /**
     * The person died, at any point of the pathway: the GP, the community team and the commissioner are told; every
     * step of the pathway has ended and no follow-up after discharge is due.
     */
    DIED("died", Map.of(GP_PRACTICE, always(), COMMUNITY_MH_TEAM, always(), COMMISSIONER, always())),
    /** The 72-hour follow-up has not been recorded in time: the community team is told at once. */
    FOLLOW_UP_OVERDUE("follow-up-overdue", Map.of(COMMUNITY_MH_TEAM, always())),
    /** The discharge summary has gone to the GP (within 7 days of discharge). */
    GP_DISCHARGE_SUMMARY("gp-discharge-summary", Map.of(GP_PRACTICE, always())),
    /** A multi-agency discharge event is convened: each agency named in {@code invitedRoles} is invited. */
    MADE_INVITATION("made-invitation", Map.of(
            GP_PRACTICE, invited(GP_PRACTICE), COMMUNITY_MH_TEAM, invited(COMMUNITY_MH_TEAM),
            CRISIS_TEAM, invited(CRISIS_TEAM), LOCAL_AUTHORITY, invited(LOCAL_AUTHORITY),
            HOUSING_AUTHORITY, invited(HOUSING_AUTHORITY), VCSE_ADVOCACY, invited(VCSE_ADVOCACY),
            COMMISSIONER, invited(COMMISSIONER)));

    private final String code;
    private final Map<PartnerRole, Predicate<Function<String, Object>>> recipients;
    private final Map<PartnerRole, String> addressees;

    NotificationEvent(String code, Map<PartnerRole, Predicate<Function<String, Object>>> recipients) {
        this(code, recipients, Map.of());
    }

    /**
     * @param addressees for a role, the variable that names the partner of the directory this notice goes to; where it
     *                   is not set, the notice goes to the partner the care team names for the role
     */
    NotificationEvent(String code, Map<PartnerRole, Predicate<Function<String, Object>>> recipients,
                      Map<PartnerRole, String> addressees) {
        this.code = code;
        this.addressees = Map.copyOf(addressees);
        // in the order of PartnerRole, so records and messages list recipients the same way every time
        this.recipients = new LinkedHashMap<>();
        Arrays.stream(PartnerRole.values()).filter(recipients::containsKey)
                .forEach(role -> this.recipients.put(role, recipients.get(role)));
    }

    public String code() {
        return code;
    }

    /**
     * Whether the person's chosen carers are told too, with the person's consent: the 48 hours' notice and the
     * discharge (seed 004: "at least 48 hours' notice of the decision to discharge given to the person, their chosen
     * carer/s and any services"; PATHWAY.md section 5b).
     */
    public boolean toCarers() {
        return carersDischargeTime() != null;
    }

    /** The variable that says when the person leaves, or left, hospital, for a carers' notice; null for the others. */
    public String carersDischargeTime() {
        return switch (this) {
            case DISCHARGE_NOTICE -> PathwayVariables.PLANNED_DISCHARGE_AT;
            case DISCHARGED -> PathwayVariables.DISCHARGED_AT;
            default -> null;
        };
    }

    /** Every role this event can go to. */
    public List<PartnerRole> recipients() {
        return List.copyOf(recipients.keySet());
    }

    /** The roles told for one pathway, given its variables. */
    public List<PartnerRole> recipientsFor(Function<String, Object> variables) {
        return recipients.entrySet().stream().filter(e -> e.getValue().test(variables)).map(Map.Entry::getKey).toList();
    }

    /** The partners this notice is addressed to by the pathway's variables, by role; other roles go to the care team's. */
    public Map<PartnerRole, String> addresseesFor(Function<String, Object> variables) {
        Map<PartnerRole, String> named = new LinkedHashMap<>();
        addressees.forEach((role, variable) -> {
            Object partnerId = variables.apply(variable);
            if (partnerId != null && !partnerId.toString().isBlank()) {
                named.put(role, partnerId.toString());
            }
        });
        return named;
    }

    /**
     * Whether the notice names the person and says how to contact them (the duty to refer): it goes only by a channel
     * fit for that, a webhook or a secure e-mail address.
     */
    public boolean identifiesThePerson() {
        return this == DUTY_TO_REFER;
    }

    public static NotificationEvent fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown notification event: " + code));
    }

    private static Predicate<Function<String, Object>> always() {
        return variables -> true;
    }

    /** The role's code is one of the codes in the variable {@code invitedRoles} (separated by spaces or commas). */
    private static Predicate<Function<String, Object>> invited(PartnerRole role) {
        return variables -> variables.apply("invitedRoles") != null
                && List.of(variables.apply("invitedRoles").toString().trim().split("[\\s,]+")).contains(role.code());
    }

    private static Predicate<Function<String, Object>> variableIsTrue(String name) {
        return variables -> Boolean.TRUE.equals(variables.apply(name));
    }

    private static Predicate<Function<String, Object>> variableListsRole(String name, PartnerRole role) {
        return variables -> variables.apply(name) != null
                && Arrays.stream(variables.apply(name).toString().split(",")).map(String::trim).anyMatch(role.code()::equals);
    }

    private static Predicate<Function<String, Object>> variableIn(String name, Set<String> values) {
        return variables -> variables.apply(name) != null && values.contains(variables.apply(name).toString());
    }
}
