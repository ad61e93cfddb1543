package org.mhpathway.sla;

/** A deadline resolved for one pathway: the rule of its ICS, with the variant its facts select. */
public record Sla(String code, String name, String anchor, String after, String every, String responsibleGroup) {

    public boolean repeating() {
        return every != null;
    }
}
