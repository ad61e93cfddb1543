package org.mhpathway.pathway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The service's own table of pathways and their key dates (see V1__pathway_register.sql). */
@Repository
public class PathwayRegister {

    private final JdbcClient jdbc;

    public PathwayRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens a pathway. Throws {@link org.springframework.dao.DuplicateKeyException} when the person already
     * has an open one: the unique column makes that true across every node sharing the database.
     */
    public void open(PathwayRecord p) {
        jdbc.sql("""
                insert into pathway (pathway_id, nhs_number, active_nhs_number, home_ics, ward_type, referral_source,
                                     learning_disability_or_autism, referred_at, given_names, family_name)
                values (:id, :nhs, :nhs, :ics, :ward, :source, :ld, :referredAt, :given, :family)""")
                .param("id", p.pathwayId()).param("nhs", p.nhsNumber()).param("ics", p.homeIcs())
                .param("ward", p.wardType()).param("source", p.referralSource())
                .param("ld", p.learningDisabilityOrAutism()).param("referredAt", JdbcTimes.utc(p.referredAt()))
                .param("given", p.givenNames()).param("family", p.familyName())
                .update();
    }

    public Optional<String> openPathwayOf(String nhsNumber) {
        return jdbc.sql("select pathway_id from pathway where active_nhs_number = ?")
                .param(nhsNumber).query(String.class).optional();
    }

    /** The ICS the pathway belongs to (the referring ICS), or empty when there is no such pathway. */
    public Optional<String> homeIcsOf(String pathwayId) {
        return jdbc.sql("select home_ics from pathway where pathway_id = ?").param(pathwayId).query(String.class)
                .optional();
    }

    public Optional<PathwayRecord> find(String pathwayId) {
        return jdbc.sql("select * from pathway where pathway_id = ?").param(pathwayId)
                .query(PathwayRegister::map).optional();
    }

    /** The most recent discharge of this person before {@code before}, from any other pathway. */
    public Optional<PathwayRecord> lastDischargeBefore(String nhsNumber, String excludingPathwayId, Instant before) {
        return jdbc.sql("""
                select * from pathway
                 where nhs_number = :nhs and pathway_id <> :id and discharged_at is not null and discharged_at <= :before
                 order by discharged_at desc""")
                .param("nhs", nhsNumber).param("id", excludingPathwayId).param("before", JdbcTimes.utc(before))
                .query(PathwayRegister::map).list().stream().findFirst();
    }

    public void markReadmission(String pathwayId) {
        jdbc.sql("update pathway set readmission = true where pathway_id = ?").param(pathwayId).update();
    }

    /** Records the milestones given; a null leaves what is already recorded. */
    public void recordMilestones(String pathwayId, Milestones m) {
        jdbc.sql("""
                update pathway set
                  admitted_at = coalesce(:admittedAt, admitted_at),
                  key_stage_1_completed_at = coalesce(:ks1, key_stage_1_completed_at),
                  estimated_discharge_date = coalesce(:edd, estimated_discharge_date),
                  crfd_at = coalesce(:crfdAt, crfd_at),
                  discharged_at = coalesce(:dischargedAt, discharged_at),
                  discharge_destination = coalesce(:destination, discharge_destination),
                  follow_up_completed_at = coalesce(:followUp, follow_up_completed_at),
                  gp_summary_sent_at = coalesce(:gpSummary, gp_summary_sent_at),
                  out_of_area = coalesce(:outOfArea, out_of_area),
                  ward = coalesce(:placeWard, ward),
                  hospital = coalesce(:placeHospital, hospital),
                  bed = coalesce(:placeBed, bed),
                  discharge_notice_given_at = coalesce(:notice, discharge_notice_given_at)
                 where pathway_id = :id""")
                .param("admittedAt", JdbcTimes.utc(m.admittedAt())).param("ks1", JdbcTimes.utc(m.keyStage1CompletedAt()))
                .param("edd", m.estimatedDischargeDate()).param("crfdAt", JdbcTimes.utc(m.crfdAt()))
                .param("dischargedAt", JdbcTimes.utc(m.dischargedAt())).param("destination", m.dischargeDestination())
                .param("followUp", JdbcTimes.utc(m.followUpCompletedAt())).param("gpSummary", JdbcTimes.utc(m.gpSummarySentAt()))
                .param("outOfArea", m.outOfArea()).param("placeWard", m.ward()).param("placeHospital", m.hospital())
                .param("placeBed", m.bed()).param("notice", JdbcTimes.utc(m.dischargeNoticeGivenAt()))
                .param("id", pathwayId)
                .update();
    }

    /**
     * Where the person is after a move during the stay ({@link WardTransfers}): every part replaced, a bed not given
     * included, since the old bed is no longer theirs.
     */
    public void recordPlace(String pathwayId, String ward, String hospital, String bed, String wardType,
                            boolean outOfArea) {
        jdbc.sql("""
                update pathway set ward = :ward, hospital = :hospital, bed = :bed, ward_type = :wardType,
                                   out_of_area = :outOfArea
                 where pathway_id = :id""")
                .param("ward", ward).param("hospital", hospital).param("bed", bed).param("wardType", wardType)
                .param("outOfArea", outOfArea).param("id", pathwayId).update();
    }

    /**
     * Records a death, when and where it happened and the ward's notes. Before a discharge it also ends the stay:
     * destination {@code died}, at the time of death once the person had been admitted. A discharge already
     * recorded is left as it was.
     */
    public void recordDeath(String pathwayId, Instant diedAt, String placeOfDeath, String notes) {
        jdbc.sql("""
                update pathway set
                  discharged_at = case when discharged_at is null and admitted_at is not null then :diedAt
                                       else discharged_at end,
                  discharge_destination = case when discharged_at is null then 'died' else discharge_destination end,
                  died_at = :diedAt,
                  place_of_death = :place,
                  death_notes = :notes
                 where pathway_id = :id""")
                .param("diedAt", JdbcTimes.utc(diedAt)).param("place", placeOfDeath).param("notes", notes)
                .param("id", pathwayId).update();
    }

    /** Closes the pathway and frees the person for a new referral. */
    /** The refined discharge plan was recorded (Derby and Derbyshire's standard, PATHWAY.md section 3). */
    public void recordDischargePlan(String pathwayId, Instant at) {
        jdbc.sql("update pathway set discharge_plan_recorded_at = ? where pathway_id = ?")
                .params(JdbcTimes.utc(at), pathwayId).update();
    }

    public void close(String pathwayId, String outcome, Instant at) {
        jdbc.sql("update pathway set active_nhs_number = null, closed_at = :at, outcome = :outcome where pathway_id = :id")
                .param("at", JdbcTimes.utc(at)).param("outcome", outcome).param("id", pathwayId).update();
    }

    public long countAll() {
        return jdbc.sql("select count(*) from pathway").query(Long.class).single();
    }

    /** Milestones to record; null fields are left as they are. */
    public record Milestones(Instant admittedAt, Instant keyStage1CompletedAt, LocalDate estimatedDischargeDate,
                             Instant crfdAt, Instant dischargedAt, String dischargeDestination,
                             Instant followUpCompletedAt, Instant gpSummarySentAt, Boolean outOfArea,
                             String ward, String hospital, String bed, Instant dischargeNoticeGivenAt) {

        /** Dates, flags and the placement; the notice of discharge is left as it is. */
        public Milestones(Instant admittedAt, Instant keyStage1CompletedAt, LocalDate estimatedDischargeDate,
                          Instant crfdAt, Instant dischargedAt, String dischargeDestination,
                          Instant followUpCompletedAt, Instant gpSummarySentAt, Boolean outOfArea,
                          String ward, String hospital, String bed) {
            this(admittedAt, keyStage1CompletedAt, estimatedDischargeDate, crfdAt, dischargedAt, dischargeDestination,
                    followUpCompletedAt, gpSummarySentAt, outOfArea, ward, hospital, bed, null);
        }

        /** Dates and flags only; the placement is left as it is. */
        public Milestones(Instant admittedAt, Instant keyStage1CompletedAt, LocalDate estimatedDischargeDate,
                          Instant crfdAt, Instant dischargedAt, String dischargeDestination,
                          Instant followUpCompletedAt, Instant gpSummarySentAt, Boolean outOfArea) {
            this(admittedAt, keyStage1CompletedAt, estimatedDischargeDate, crfdAt, dischargedAt, dischargeDestination,
                    followUpCompletedAt, gpSummarySentAt, outOfArea, null, null, null, null);
        }
    }



    private static PathwayRecord map(ResultSet rs, int row) throws SQLException {
        return new PathwayRecord(
                rs.getString("pathway_id"), rs.getString("nhs_number"), rs.getString("home_ics"),
                rs.getString("ward_type"), rs.getString("referral_source"),
                rs.getBoolean("learning_disability_or_autism"),
                JdbcTimes.instant(rs, "referred_at"), JdbcTimes.instant(rs, "admitted_at"), JdbcTimes.instant(rs, "key_stage_1_completed_at"),
                rs.getObject("estimated_discharge_date", LocalDate.class), JdbcTimes.instant(rs, "crfd_at"),
                JdbcTimes.instant(rs, "discharged_at"), rs.getString("discharge_destination"),
                JdbcTimes.instant(rs, "follow_up_completed_at"), JdbcTimes.instant(rs, "gp_summary_sent_at"),
                rs.getBoolean("out_of_area"), rs.getBoolean("readmission"),
                JdbcTimes.instant(rs, "closed_at"), rs.getString("outcome"), rs.getString("given_names"),
                rs.getString("family_name"), rs.getString("ward"), rs.getString("hospital"), rs.getString("bed"),
                JdbcTimes.instant(rs, "died_at"));
    }
}
