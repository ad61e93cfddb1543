package org.mhpathway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicalNotes}: the variables (form fields) that hold clinical notes, kept from users who work escalations
 * only ({@link ClinicalNotesFilter}).
 */
@ConfigurationProperties("mhpathway.security")
public record SecurityProperties(List<String> clinicalNotes) {

    public SecurityProperties {
        clinicalNotes = clinicalNotes == null ? List.of() : List.copyOf(clinicalNotes);
    }
}
