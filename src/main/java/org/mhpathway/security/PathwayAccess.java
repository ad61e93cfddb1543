package org.mhpathway.security;

import java.util.List;
import java.util.Optional;
import org.mhpathway.pathway.PathwayRegister;
import org.springframework.stereotype.Component;

/**
 * The facts about a pathway that decide who may see it: its ICS, and whether an escalation stands behind it. Each
 * is asked of the module that records it.
 */
@Component
class PathwayAccess {

    private final PathwayRegister register;
    private final List<EscalationHistory> escalations;

    public PathwayAccess(PathwayRegister register, List<EscalationHistory> escalations) {
        this.register = register;
        this.escalations = List.copyOf(escalations);
    }

    /** The ICS the pathway belongs to (the referring ICS), or empty when there is no such pathway. */
    public Optional<String> icsOf(String pathwayId) {
        return register.homeIcsOf(pathwayId);
    }

    /**
     * True when the pathway has, or had, a delayed discharge, a housing case or a multi-agency discharge event: the
     * work of the discharge hub and housing.
     */
    public boolean behindEscalation(String pathwayId) {
        return escalations.stream().anyMatch(history -> history.escalated(pathwayId));
    }
}
