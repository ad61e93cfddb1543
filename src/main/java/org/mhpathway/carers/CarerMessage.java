package org.mhpathway.carers;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mhpathway.carers.CarerNotices.CarerNotice;
import org.mhpathway.pathway.PathwayRecord;

/**
 * What a carer is sent: only what a carer needs to be there for the person (seed 004: "at least 48 hours' notice of
 * the decision to discharge given to the person, their chosen carer/s"): when the person leaves or left hospital, from
 * which ward, and who to contact. Never the NHS number, the date of birth, the diagnosis, the plan or any note the ward
 * recorded; the person only by their first given name, as the carer knows them.
 */
record CarerMessage(String subject, String body) {

    static final String DISCHARGE_NOTICE = "discharge-notice";
    static final String DISCHARGED = "discharged";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    static CarerMessage of(CarerNotice notice, Carer carer, PathwayRecord pathway, ZoneId zone) {
        String person = firstGivenName(pathway.givenNames());
        String who = person != null ? person : "The person who chose you as their carer";
        String place = place(pathway);
        String contact = notice.contact() != null && !notice.contact().isBlank() ? notice.contact().strip() : "the ward";
        StringBuilder text = new StringBuilder("Dear ").append(carer.name()).append(",\n\n");
        String subject;
        if (DISCHARGED.equals(notice.event())) {
            subject = "Discharge from hospital";
            text.append(who).append(" left hospital");
            appendWhen(text, notice.dischargeAt(), zone);
            text.append(".\n\n");
        } else {
            subject = "48 hours' notice of discharge from hospital";
            text.append(who).append(" is due to leave hospital");
            appendWhen(text, notice.dischargeAt(), zone);
            text.append(".\n\n");
        }
        if (place != null) {
            text.append("Ward: ").append(place).append('\n');
        }
        text.append("Who to contact: ").append(contact).append("\n\n");
        text.append(person != null ? person + " chose you as a carer and agreed" : "They agreed")
                .append(" that the ward may tell you this. Please contact the ward rather than reply to this e-mail.\n\n")
                .append("Sent by mh-pathway, the mental health inpatient pathway service, for the ward.\n");
        return new CarerMessage(subject, text.toString());
    }

    private static void appendWhen(StringBuilder text, Instant at, ZoneId zone) {
        if (at != null) {
            text.append(" on ").append(DAY.format(at.atZone(zone))).append(" at ").append(TIME.format(at.atZone(zone)))
                    .append(" (UK time)");
        }
    }

    /** "Ward 1, Radbourne Unit", as the bed allocation recorded it. */
    private static String place(PathwayRecord pathway) {
        String ward = blankToNull(pathway.ward());
        String hospital = blankToNull(pathway.hospital());
        if (ward == null) {
            return hospital;
        }
        return hospital == null ? ward : ward + ", " + hospital;
    }

    private static String firstGivenName(String givenNames) {
        String given = blankToNull(givenNames);
        return given == null ? null : given.split("\\s+")[0];
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
