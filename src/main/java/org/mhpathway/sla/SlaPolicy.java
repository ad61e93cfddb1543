package org.mhpathway.sla;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mhpathway.sla.PolicyProperties.SlaRule;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Service;

/**
 * Every deadline the guidance sets, resolved for a pathway from the typed policy of its ICS.
 * The BPMN models name an SLA by code; durations never appear in the XML.
 */
@Service
public class SlaPolicy {

    /** Long-stay review: over 60 days for adults, over 90 days for older adults (PATHWAY.md section 2, Key Stage 2). */
    public static final String LONG_STAY_REVIEW = "long-stay-review";
    /** Oversight visits: every 8 weeks, every 6 weeks for people up to 25 with an EHC plan (PATHWAY.md section 2). */
    public static final String OVERSIGHT_VISIT = "oversight-visit";
    static final int YOUNG_PERSON_MAX_AGE = 25;
    /**
     * Delay factors are reviewed every 2 to 3 days; more often once the purpose of admission is close to met, when
     * discharge planning intensifies (seed 004, rehabilitation). Each ICS may set how often.
     */
    public static final String DELAY_FACTOR_REVIEW = "delay-factor-review";
    /** Recorded by the delay factor review: the purpose of admission is close to met. */
    public static final String PURPOSE_CLOSE_TO_MET = "purposeCloseToMet";

    private final PolicyProperties properties;

    public SlaPolicy(PolicyProperties properties) {
        this.properties = properties;
        validate();
    }

    public ZoneId zone() {
        return properties.zone();
    }

    public Set<String> icsCodes() {
        return new TreeSet<>(properties.ics().keySet());
    }

    public boolean servesIcs(String code) {
        return code != null && properties.ics().containsKey(code);
    }

    /** The ICS's name as its plans give it ({@code Derby and Derbyshire}), or its code when none is set. */
    public String icsName(String code) {
        PolicyProperties.Ics ics = code == null ? null : properties.ics().get(code);
        return ics == null || ics.name() == null || ics.name().isBlank() ? code : ics.name();
    }

    public Set<String> slaCodes() {
        return new TreeSet<>(properties.slas().keySet());
    }

    /** The rule for {@code code} as it applies to this pathway: its ICS's overrides and the variant its facts select. */
    public Sla sla(String code, PathwayFacts facts) {
        String resolved = variant(code, facts);
        SlaRule rule = properties.slas().get(resolved);
        if (rule == null) {
            throw new IllegalArgumentException("no SLA '" + resolved + "' in mhpathway.policy.slas");
        }
        PolicyProperties.Ics ics = facts.homeIcs() == null ? null : properties.ics().get(facts.homeIcs());
        if (ics != null) {
            rule = rule.overriddenBy(ics.slas().get(resolved));
        }
        return new Sla(resolved, rule.name(), rule.anchor(), rule.after(), rule.every(), rule.responsibleGroup());
    }

    /** When a one-off deadline falls due: its anchor date plus its allowance. */
    public Instant dueAt(String code, PathwayFacts facts) {
        Sla sla = sla(code, facts);
        if (sla.after() == null || sla.anchor() == null) {
            throw new IllegalStateException("SLA '" + sla.code() + "' repeats; it has no single due date");
        }
        Instant anchor = IsoDateTimes.toInstant(facts.variables().apply(sla.anchor()), zone());
        if (anchor == null) {
            throw new IllegalStateException("SLA '" + sla.code() + "' counts from '" + sla.anchor() + "', which is not recorded");
        }
        return IsoDateTimes.plus(anchor, sla.after(), zone());
    }

    /**
     * When the next repeat of a review falls due: counted from the date the last one recorded (the rule's
     * {@code anchor}, e.g. the C(E)TR's {@code cetrHeldAt}), so a late review does not push the schedule back;
     * from now when there is no such date yet.
     */
    public Instant nextReview(String code, PathwayFacts facts) {
        Sla sla = sla(code, facts);
        Instant last = sla.anchor() == null ? null : IsoDateTimes.toInstant(facts.variables().apply(sla.anchor()), zone());
        return IsoDateTimes.plus(last == null ? facts.now() : last, interval(code, facts), zone());
    }

    /** The last moment of the day {@code at} falls on, on the policy's calendar (Europe/London). */
    public Instant endOfDay(Instant at) {
        return at.atZone(zone()).toLocalDate().plusDays(1).atStartOfDay(zone()).toInstant().minusSeconds(1);
    }

    /** The repeat of a review as an ISO-8601 repeating interval, for timer cycles. */
    public String cycle(String code, PathwayFacts facts) {
        return "R/" + interval(code, facts);
    }

    private String interval(String code, PathwayFacts facts) {
        Sla sla = sla(code, facts);
        if (!sla.repeating()) {
            throw new IllegalStateException("SLA '" + sla.code() + "' does not repeat");
        }
        return sla.every();
    }

    private String variant(String code, PathwayFacts facts) {
        if (LONG_STAY_REVIEW.equals(code)) {
            return "older-adult".equals(facts.wardType()) ? code + "-older-adult" : code + "-adult";
        }
        if (DELAY_FACTOR_REVIEW.equals(code) && Boolean.TRUE.equals(facts.variables().apply(PURPOSE_CLOSE_TO_MET))) {
            return code + "-close-to-discharge";
        }
        if (OVERSIGHT_VISIT.equals(code) && facts.ehcPlan() && facts.dateOfBirth() != null) {
            int age = Period.between(facts.dateOfBirth(), facts.now().atZone(zone()).toLocalDate()).getYears();
            if (age <= YOUNG_PERSON_MAX_AGE) {
                return code + "-young-person-with-ehc-plan";
            }
        }
        return code;
    }

    /** Fails at start-up, naming the rule, rather than at the first timer weeks later. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        check("", properties.slas(), problems, true);
        properties.ics().forEach((code, ics) -> {
            if (ics.name() == null || ics.name().isBlank()) {
                problems.add("mhpathway.policy.ics." + code + ".name is missing");
            }
            ics.slas().keySet().stream().filter(k -> !properties.slas().containsKey(k))
                    .forEach(k -> problems.add("mhpathway.policy.ics." + code + ".slas." + k + " overrides no known SLA"));
            check("ics." + code + ".", ics.slas(), problems, false);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid SLA policy: " + String.join("; ", problems));
        }
    }

    private void check(String prefix, Map<String, SlaRule> rules, List<String> problems, boolean complete) {
        rules.forEach((code, rule) -> {
            String where = "mhpathway.policy." + prefix + "slas." + code;
            if (complete) {
                if (rule.name() == null || rule.responsibleGroup() == null) {
                    problems.add(where + " needs a name and a responsible-group");
                }
                if ((rule.after() == null) == (rule.every() == null)) {
                    problems.add(where + " needs exactly one of 'after' (with 'anchor') or 'every' (with an optional 'anchor')");
                }
                if (rule.after() != null && rule.anchor() == null) {
                    problems.add(where + " has 'after' but no 'anchor'");
                }
            }
            for (String amount : new String[] {rule.after(), rule.every()}) {
                if (amount != null) {
                    try {
                        IsoDateTimes.plus(Instant.EPOCH, amount, properties.zone());
                    } catch (RuntimeException e) {
                        problems.add(where + ": '" + amount + "' is not an ISO-8601 period or duration");
                    }
                }
            }
        });
    }
}
