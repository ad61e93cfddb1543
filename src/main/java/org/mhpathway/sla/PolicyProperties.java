package org.mhpathway.sla;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The locally agreed rules, as data: which integrated care systems this installation serves and the
 * deadline of every SLA the guidance sets. An ICS overrides any part of a rule under
 * {@code mhpathway.policy.ics.<code>.slas.<sla>} without a code change.
 */
@ConfigurationProperties("mhpathway.policy")
public record PolicyProperties(
        @DefaultValue("Europe/London") ZoneId zone,
        Map<String, Ics> ics,
        Map<String, SlaRule> slas,
        Map<String, Ladder> escalation) {

    public PolicyProperties {
        ics = ics == null ? Map.of() : Map.copyOf(ics);
        slas = slas == null ? Map.of() : Map.copyOf(slas);
        escalation = escalation == null ? Map.of() : Map.copyOf(escalation);
    }

    /**
     * An integrated care system served by this installation, keyed by its ICB ODS code. Its {@code escalation}
     * ladders replace the default ladder of the same code as a whole (levels are an ordered list).
     */
    public record Ics(String name, Map<String, SlaRule> slas, Map<String, Ladder> escalation,
                      Map<String, List<Target>> targets) {
        @ConstructorBinding
        public Ics {
            slas = slas == null ? Map.of() : Map.copyOf(slas);
            escalation = escalation == null ? Map.of() : Map.copyOf(escalation);
            targets = targets == null ? Map.of() : Map.copyOf(targets);
        }

        /** An ICS without published targets. */
        public Ics(String name, Map<String, SlaRule> slas, Map<String, Ladder> escalation) {
            this(name, slas, escalation, null);
        }
    }

    /**
     * A target the ICS publishes for one of the managers' indicators (PATHWAY.md section 5a), keyed under
     * {@code targets} by the indicator's name ({@code followUpWithin72Hours}). Either {@code at-least} a rate (0 to 1,
     * for an indicator of things done on time) or {@code at-most} a count (people out of area, in hospital).
     * A trajectory is a list of steps: each holds until its {@code by} date (ISO-8601), the last one after it too; a
     * step without {@code by} holds throughout. {@code note} says where the target comes from.
     */
    public record Target(Double atLeast, Long atMost, String by, String note) {
    }

    /** A locally agreed escalation ladder (PATHWAY.md section 3): its levels from the first, in order. */
    public record Ladder(List<Level> levels) {
        public Ladder {
            levels = levels == null ? List.of() : List.copyOf(levels);
        }
    }

    /**
     * One rung: who owns it ({@code group}, the Tasklist candidate group), which partner roles are told when the
     * delay reaches it ({@code told}), and how long it may stay unresolved at this level ({@code limit}, ISO-8601).
     */
    public record Level(String name, String group, List<String> told, String limit) {
        public Level {
            told = told == null ? List.of() : List.copyOf(told);
        }
    }

    /**
     * One deadline. A one-off deadline has {@code after} (an ISO-8601 period or duration) counted from the
     * date variable named by {@code anchor}; a repeating review has {@code every}, counted from the date the last
     * review recorded in {@code anchor} when there is one, else from when the last one was done.
     */
    public record SlaRule(String name, String anchor, String after, String every, String responsibleGroup) {

        SlaRule overriddenBy(SlaRule local) {
            if (local == null) {
                return this;
            }
            return new SlaRule(
                    local.name != null ? local.name : name,
                    local.anchor != null ? local.anchor : anchor,
                    local.after != null ? local.after : after,
                    local.every != null ? local.every : every,
                    local.responsibleGroup != null ? local.responsibleGroup : responsibleGroup);
        }
    }
}
