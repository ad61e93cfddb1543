package org.mhpathway.security;

/**
 * A module whose escalations open a pathway to the discharge hub and housing (docs/security.md): the delayed
 * discharge, the housing case and the multi-agency discharge event each answer for their own records.
 */
public interface EscalationHistory {

    /** True when this module has, or had, an escalation of the pathway. */
    boolean escalated(String pathwayId);
}
