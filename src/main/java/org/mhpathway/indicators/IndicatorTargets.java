package org.mhpathway.indicators;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mhpathway.sla.PolicyProperties;
import org.mhpathway.sla.PolicyProperties.Target;
import org.springframework.stereotype.Component;

/**
 * The targets each ICS publishes for the indicators (PATHWAY.md section 5a), from
 * {@code mhpathway.policy.ics.<code>.targets.<indicator>}: per-ICS settings beside the other local rules, so that a
 * new trajectory needs no code change. Checked at start-up, naming the setting.
 */
@Component
class IndicatorTargets {

    private final PolicyProperties policy;

    IndicatorTargets(PolicyProperties policy) {
        this.policy = policy;
        validate();
    }

    /** The target as it applies to a figure of a period ending on {@code periodEnd}, and whether the figure meets it. */
    TargetView target(String ics, IndicatorName indicator, LocalDate periodEnd, Double numerator, Double rate) {
        PolicyProperties.Ics rules = policy.ics().get(ics);
        List<Target> steps = rules == null ? null : rules.targets().get(indicator.key());
        if (steps == null || steps.isEmpty()) {
            return null;
        }
        Target applies = steps.get(steps.size() - 1);
        for (Target step : steps) {
            if (step.by() != null && !LocalDate.parse(step.by()).isBefore(periodEnd)) {
                applies = step;
                break;
            }
        }
        Boolean met = null;
        if (applies.atLeast() != null && rate != null) {
            met = rate >= applies.atLeast();
        } else if (applies.atMost() != null && numerator != null) {
            met = numerator <= applies.atMost();
        }
        return new TargetView(applies.atLeast(), applies.atMost(),
                applies.by() == null ? null : LocalDate.parse(applies.by()), applies.note(), met);
    }

    /**
     * A target as the answer shows it: a rate of at least {@code atLeast}, or a count of at most {@code atMost}, to
     * reach by {@code by} (none: throughout), and whether the figure meets it (null when there is no figure).
     */
    record TargetView(Double atLeast, Long atMost, LocalDate by, String note, Boolean met) {
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        policy.ics().forEach((code, ics) -> {
            for (Map.Entry<String, List<Target>> entry : ics.targets().entrySet()) {
                String where = "mhpathway.policy.ics." + code + ".targets." + entry.getKey();
                if (!IndicatorName.keys().contains(entry.getKey())) {
                    problems.add(where + " is not an indicator (one of " + IndicatorName.keys() + ")");
                    continue;
                }
                List<Target> steps = entry.getValue() == null ? List.of() : entry.getValue();
                if (steps.isEmpty()) {
                    problems.add(where + " has no step");
                }
                LocalDate previous = null;
                for (int i = 0; i < steps.size(); i++) {
                    Target step = steps.get(i);
                    String at = where + "[" + i + "]";
                    if ((step.atLeast() == null) == (step.atMost() == null)) {
                        problems.add(at + " needs exactly one of 'at-least' (a rate) or 'at-most' (a count)");
                    }
                    if (step.atLeast() != null && (step.atLeast() < 0 || step.atLeast() > 1)) {
                        problems.add(at + ".at-least must be a rate from 0 to 1");
                    }
                    if (step.atMost() != null && step.atMost() < 0) {
                        problems.add(at + ".at-most must not be negative");
                    }
                    if (step.by() == null) {
                        if (steps.size() > 1) {
                            problems.add(at + " needs a 'by' date: a trajectory of several steps dates each");
                        }
                        continue;
                    }
                    try {
                        LocalDate by = LocalDate.parse(step.by());
                        if (previous != null && !by.isAfter(previous)) {
                            problems.add(at + ".by must come after the step before it");
                        }
                        previous = by;
                    } catch (DateTimeException e) {
                        problems.add(at + ".by '" + step.by() + "' is not an ISO-8601 date (2025-03-31)");
                    }
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid indicator targets: " + String.join("; ", problems));
        }
    }
}
