package org.mhpathway.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.EstimatedDischargeDates;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.pathway.Stage;
import org.mhpathway.pathway.WardTransfers;
import org.mhpathway.sla.SlaBreaches.SlaBreach;

/** {@code GET /api/pathways/{id}}: where the person is, what is open, and which deadlines run or were missed. */
public record PathwayView(
        String pathwayId,
        String nhsNumber,
        Stage stage,
        String homeIcs,
        String wardType,
        String referralSource,
        Flags flags,
        Dates dates,
        List<OpenTask> openTasks,
        List<SlaTimer> slaTimers,
        List<SlaBreach> breaches,
        List<CareTeamMember> careTeam,
        List<PartnerNotification> notifications,
        Delays delays,
        PersonName name,
        Placement placement,
        List<EstimatedDischargeDates.EstimatedDischargeDate> estimatedDischargeDates) {

    /** The same view with the reasons for EDD changes left out: free text from the ward, a clinical note. */
    PathwayView withoutClinicalNotes() {
        return new PathwayView(pathwayId, nhsNumber, stage, homeIcs, wardType, referralSource, flags, dates, openTasks,
                slaTimers, breaches, careTeam, notifications, delays, name, placement,
                estimatedDischargeDates.stream().map(EstimatedDischargeDates.EstimatedDischargeDate::withoutReason)
                        .toList());
    }

    /** The pathway id stands for the person wherever a view is printed (Spring MVC logs answers at DEBUG). */
    @Override
    public String toString() {
        return "PathwayView[pathwayId=" + pathwayId + ", stage=" + stage + ", homeIcs=" + homeIcs + "]";
    }

    /** Every delay period of the stay (PATHWAY.md section 3) and the whole days of delay across them. */
    public record Delays(long delayedDays, List<org.mhpathway.delay.DelayPeriodRecords.DelayPeriod> periods) {
    }

    /**
     * Where the person is: the ward, hospital and bed of the bed allocation or of the last move (all null before
     * admission), and every move during the stay, first to last.
     */
    public record Placement(String ward, String hospital, String bed, List<Move> moves) {
    }

    /** One move during the stay: when, where from, where to, why, and how it was recorded. */
    public record Move(Instant transferredAt, Place from, Place to, String reason, String recordedThrough) {

        static Move of(WardTransfers.Transfer t) {
            return new Move(t.transferredAt(),
                    new Place(t.fromWard(), t.fromHospital(), t.fromBed(), t.fromWardType(), t.fromOutOfArea()),
                    new Place(t.toWard(), t.toHospital(), t.toBed(), t.toWardType(), t.toOutOfArea()),
                    t.reason(), t.recordedThrough());
        }
    }

    /** A ward, hospital and bed, the type of ward, and whether it is outside the home ICS. */
    public record Place(String ward, String hospital, String bed, String wardType, boolean outOfArea) {
    }

    public record Flags(boolean learningDisabilityOrAutism, boolean outOfArea, boolean readmission) {
    }

    public record Dates(Instant presentedAt, Instant admittedAt, Instant keyStage1CompletedAt,
                        LocalDate estimatedDischargeDate, Instant crfdAt, Instant dischargedAt,
                        Instant followUpCompletedAt, Instant gpSummarySentAt, Instant closedAt, Instant diedAt) {
    }

    /** A user task waiting in Tasklist: its name, what it concerns (the description) and when it is due. */
    public record OpenTask(String taskId, String taskKey, String name, String description, String process, List<String> candidateGroups,
                           Instant createdAt, Instant dueAt) {
    }

    /** The partner playing one role in the person's care team (edited at {@code /api/pathways/{id}/care-team}). */
    public record CareTeamMember(String role, String partnerId, String name) {
    }

    /** A running timer: an SLA deadline or the next repeat of a review. */
    public record SlaTimer(String timerId, String activityId, String name, String process, Instant dueAt) {
    }
}
