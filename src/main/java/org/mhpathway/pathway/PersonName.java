package org.mhpathway.pathway;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The person's name as a FHIR UK Core Patient holds it (HumanName: given names in order, one family name). Optional
 * at referral: a crisis presentation may come without one. Never logged.
 */
public record PersonName(List<String> given, String family) {

    /** "Jane Ann Smith": the given names, then the family name, as a ward says it. */
    public String display() {
        return Stream.concat(given == null ? Stream.empty() : given.stream(), Stream.ofNullable(family))
                .filter(part -> part != null && !part.isBlank())
                .map(String::trim)
                .collect(Collectors.joining(" "));
    }

    /** The given names as one field, space separated, for the register. */
    public String givenNames() {
        return given == null ? null : given.stream().map(String::trim).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "PersonName[...]";
    }
}
