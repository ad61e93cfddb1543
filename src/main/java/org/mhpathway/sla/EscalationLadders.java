package org.mhpathway.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mhpathway.sla.PolicyProperties.Ladder;
import org.mhpathway.sla.PolicyProperties.Level;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Service;

/**
 * The locally agreed escalation ladders (PATHWAY.md section 3) from {@code mhpathway.policy.escalation}, with an
 * ICS's own ladder under {@code mhpathway.policy.ics.<code>.escalation} replacing the default as a whole.
 */
@Service
public class EscalationLadders {

    /** Delayed discharges climb this ladder until resolved. */
    public static final String DELAYED_DISCHARGE = "delayed-discharge";

    /** Duty to refer referrals the housing authority has not answered climb this ladder (PATHWAY.md section 4). */
    public static final String HOUSING = "housing";

    private static final Set<String> PARTNER_ROLES = Set.of("gp-practice", "community-mh-team", "crisis-team",
            "local-authority", "housing-authority", "vcse-advocacy", "commissioner");

    private final PolicyProperties properties;

    public EscalationLadders(PolicyProperties properties) {
        this.properties = properties;
        validate();
    }

    /** The levels of {@code code} for a pathway of this ICS, from the first. */
    public List<Level> levels(String code, String homeIcs) {
        PolicyProperties.Ics ics = homeIcs == null ? null : properties.ics().get(homeIcs);
        Ladder ladder = ics != null && ics.escalation().containsKey(code) ? ics.escalation().get(code)
                : properties.escalation().get(code);
        if (ladder == null || ladder.levels().isEmpty()) {
            throw new IllegalArgumentException("no escalation ladder '" + code + "' in mhpathway.policy.escalation");
        }
        return ladder.levels();
    }

    /** When a delay that reached {@code level} (1-based) at {@code reachedAt} climbs on; null at the top. */
    public Instant nextDue(String code, String homeIcs, int level, Instant reachedAt) {
        List<Level> levels = levels(code, homeIcs);
        if (level >= levels.size()) {
            return null;
        }
        return IsoDateTimes.plus(reachedAt, levels.get(level - 1).limit(), properties.zone());
    }

    /**
     * One level up from {@code current} (1-based; never past the top), reached at {@code now}: the one climb both
     * ladders make, the delayed discharge's and the housing referral's.
     */
    public Step climb(String code, String homeIcs, int current, Instant now) {
        List<Level> levels = levels(code, homeIcs);
        int level = Math.min(current + 1, levels.size());
        return new Step(level, levels.get(level - 1), nextDue(code, homeIcs, level, now), level >= levels.size());
    }

    /** The first level, reached at {@code now}: where a ladder starts. */
    public Step start(String code, String homeIcs, Instant now) {
        List<Level> levels = levels(code, homeIcs);
        return new Step(1, levels.get(0), nextDue(code, homeIcs, 1, now), levels.size() == 1);
    }

    /**
     * A level reached: its number, what it is, when it climbs on (null at the top) and whether it is the top.
     *
     * @param level 1-based
     */
    public record Step(int level, Level reached, Instant nextDue, boolean top) {

        /** The level reached, its name, its owner group, the roles told (comma-separated) and whether it is the top. */
        public static final String LEVEL = "escalationLevel";
        public static final String LEVEL_NAME = "escalationLevelName";
        public static final String GROUP = "escalationGroup";
        public static final String ROLES = "escalationRoles";
        public static final String TOP_REACHED = "escalationTopReached";

        /** The step as the escalation models read it ({@code ${escalationGroup}} owns the level's task). */
        public Map<String, Object> variables() {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(LEVEL, level);
            variables.put(LEVEL_NAME, reached.name());
            variables.put(GROUP, reached.group());
            variables.put(ROLES, String.join(",", reached.told()));
            variables.put(TOP_REACHED, top);
            return variables;
        }
    }

    /** Fails at start-up, naming the level, rather than when a delay first climbs. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        properties.escalation().forEach((code, ladder) -> check("mhpathway.policy.escalation." + code, ladder, problems));
        properties.ics().forEach((ics, rules) -> rules.escalation().forEach((code, ladder) -> {
            if (!properties.escalation().containsKey(code)) {
                problems.add("mhpathway.policy.ics." + ics + ".escalation." + code + " replaces no known ladder");
            }
            check("mhpathway.policy.ics." + ics + ".escalation." + code, ladder, problems);
        }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid escalation policy: " + String.join("; ", problems));
        }
    }

    private void check(String where, Ladder ladder, List<String> problems) {
        if (ladder.levels().isEmpty()) {
            problems.add(where + ".levels is empty");
        }
        for (int i = 0; i < ladder.levels().size(); i++) {
            Level level = ladder.levels().get(i);
            String at = where + ".levels[" + i + "]";
            if (level.name() == null || level.group() == null || level.limit() == null) {
                problems.add(at + " needs a name, a group and a limit");
            } else {
                try {
                    IsoDateTimes.plus(Instant.EPOCH, level.limit(), properties.zone());
                } catch (RuntimeException e) {
                    problems.add(at + ": '" + level.limit() + "' is not an ISO-8601 period or duration");
                }
            }
            level.told().stream().filter(r -> !PARTNER_ROLES.contains(r))
                    .forEach(r -> problems.add(at + ".told: '" + r + "' is not a partner role"));
        }
    }
}
