package org.mhpathway.housing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.mhpathway.partners.DutyToRefer;
import org.mhpathway.partners.DutyToReferSource;
import org.mhpathway.security.EscalationHistory;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The housing cases of pathways (PATHWAY.md section 4): the need, the duty to refer's consents, the housing
 * authority's answer and the ladder's level, and the practical blockers worked as actions. At most one case of a
 * pathway is open: the one its running {@code housing-escalation} works.
 */
@Repository
public class HousingCases implements DutyToReferSource, EscalationHistory {

    private final JdbcClient jdbc;

    public HousingCases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A housing case, open or closed. */
    @Override
    public boolean escalated(String pathwayId) {
        return jdbc.sql("select count(*) from housing_case where pathway_id = ?").param(pathwayId).query(Integer.class)
                .single() > 0;
    }

    public long open(String pathwayId, Instant at) {
        return open(pathwayId).map(HousingCase::id).orElseGet(() -> {
            jdbc.sql("insert into housing_case (pathway_id, opened_at) values (?, ?)")
                    .params(pathwayId, JdbcTimes.utc(at)).update();
            return open(pathwayId).orElseThrow().id();
        });
    }

    public Optional<HousingCase> open(String pathwayId) {
        return jdbc.sql("select * from housing_case where pathway_id = ? and secured_at is null order by id desc")
                .param(pathwayId).query(HousingCases::map).list().stream().findFirst();
    }

    public List<HousingCase> forPathway(String pathwayId) {
        return jdbc.sql("select * from housing_case where pathway_id = ? order by id")
                .param(pathwayId).query(HousingCases::map).list();
    }

    void assessed(String pathwayId, String needType, String notes) {
        jdbc.sql("update housing_case set need_type = ?, need_notes = ? where pathway_id = ? and secured_at is null")
                .params(needType, notes, pathwayId).update();
    }

    /**
     * The duty to refer's consents and, when the person agreed to be referred, what the referral carries (Housing Act
     * 1996 s213B, PATHWAY.md section 4): the authority the person chose, the reason, how to contact them, their local
     * connection and the risks the authority needs to know.
     */
    void consent(String pathwayId, Consent consent) {
        jdbc.sql("""
                update housing_case set referral_consent = :referralConsent, chosen_authority = :authorityName,
                    authority_id = :authorityId, contact_details_consent = :contactConsent,
                    referral_not_sent_reason = :notSentReason, referral_reason = :reason, contact_phone = :phone,
                    contact_email = :email, contact_arrangements = :arrangements, local_connection = :localConnection,
                    risk_summary = :risks
                where pathway_id = :pathwayId and secured_at is null""")
                .param("referralConsent", consent.referralConsent()).param("authorityName", consent.authorityName())
                .param("authorityId", consent.authorityId()).param("contactConsent", consent.contactDetailsConsent())
                .param("notSentReason", consent.notSentReason()).param("reason", consent.reason())
                .param("phone", consent.phone()).param("email", consent.email())
                .param("arrangements", consent.contactArrangements()).param("localConnection", consent.localConnection())
                .param("risks", consent.riskSummary()).param("pathwayId", pathwayId).update();
    }

    void notSent(String pathwayId, String reason) {
        jdbc.sql("update housing_case set referral_not_sent_reason = ? where pathway_id = ? and secured_at is null")
                .params(reason, pathwayId).update();
    }

    /**
     * What the open case's duty to refer carries to the housing authority, or empty when the pathway has no open case
     * or the person did not agree to be referred. Never logged: it holds the person's contact details.
     */
    @Override
    public Optional<DutyToRefer> referral(String pathwayId) {
        return jdbc.sql("""
                select * from housing_case where pathway_id = ? and secured_at is null
                   and referral_consent = 'yes' and contact_details_consent = 'yes' order by id desc""")
                .param(pathwayId).query((rs, row) -> new DutyToRefer(rs.getString("authority_id"),
                        rs.getString("chosen_authority"), rs.getString("referral_reason"), rs.getString("contact_phone"),
                        rs.getString("contact_email"), rs.getString("contact_arrangements"), rs.getString("need_type"),
                        rs.getString("need_notes"), rs.getString("risk_summary"), rs.getString("local_connection")))
                .list().stream().findFirst();
    }

    void referralSent(String pathwayId, Instant at, String levelName, Instant nextDue) {
        jdbc.sql("""
                update housing_case set referral_sent_at = ?, escalation_level = 1, escalation_level_name = ?,
                    next_escalation_due = ? where pathway_id = ? and secured_at is null""")
                .params(JdbcTimes.utc(at), levelName, JdbcTimes.utc(nextDue), pathwayId).update();
    }

    void escalated(String pathwayId, int level, String levelName, Instant nextDue) {
        jdbc.sql("""
                update housing_case set escalation_level = ?, escalation_level_name = ?, next_escalation_due = ?
                where pathway_id = ? and secured_at is null""")
                .params(level, levelName, JdbcTimes.utc(nextDue), pathwayId).update();
    }

    void answered(String pathwayId, String kind, Instant at) {
        jdbc.sql("""
                update housing_case set authority_answer = ?, authority_answered_at = ?, next_escalation_due = null
                where pathway_id = ? and secured_at is null""")
                .params(kind, JdbcTimes.utc(at), pathwayId).update();
    }

    void secured(String pathwayId, Instant at, String by, boolean housingDelayCleared) {
        jdbc.sql("""
                update housing_case set secured_at = ?, secured_by = ?, housing_delay_cleared = ?, next_escalation_due = null
                where pathway_id = ? and secured_at is null""")
                .params(JdbcTimes.utc(at), by, housingDelayCleared, pathwayId).update();
    }

    public long addAction(long caseId, String blocker, String action, String owner, LocalDate dueDate) {
        jdbc.sql("insert into housing_action (case_id, blocker, action, owner, due_date) values (?, ?, ?, ?, ?)")
                .params(caseId, blocker, action, owner, dueDate).update();
        return jdbc.sql("select max(id) from housing_action where case_id = ?").param(caseId).query(Long.class).single();
    }

    public int actionDone(long caseId, long actionId, Instant at) {
        return jdbc.sql("update housing_action set done_at = ? where id = ? and case_id = ? and done_at is null")
                .params(JdbcTimes.utc(at), actionId, caseId).update();
    }

    public List<HousingAction> actions(long caseId) {
        return jdbc.sql("select * from housing_action where case_id = ? order by due_date, id").param(caseId)
                .query((rs, row) -> new HousingAction(rs.getLong("id"), rs.getString("blocker"), rs.getString("action"),
                        rs.getString("owner"), rs.getObject("due_date", LocalDate.class), JdbcTimes.instant(rs, "done_at")))
                .list();
    }

    /**
     * The duty to refer's answers as the officer recorded them.
     *
     * @param authorityId the partner the referral goes to, or null when the person was not referred (or the case
     *                    was recorded before authorities were chosen from the directory)
     */
    record Consent(String referralConsent, String contactDetailsConsent, String authorityId, String authorityName,
                   String notSentReason, String reason, String phone, String email, String contactArrangements,
                   String localConnection, String riskSummary) {

        @Override
        public String toString() {
            // holds the person's contact details: never printed
            return "Consent[referralConsent=" + referralConsent + ", contactDetailsConsent=" + contactDetailsConsent
                    + ", authorityId=" + authorityId + "]";
        }
    }

    /** One housing case as GET /api/pathways/{id}/housing shows it; the referral's contact details are not shown. */
    public record HousingCase(long id, String pathwayId, Instant openedAt, String needType, String referralConsent,
                              String chosenAuthority, String authorityId, String contactDetailsConsent,
                              String referralNotSentReason,
                              Instant referralSentAt, String authorityAnswer, Instant authorityAnsweredAt,
                              Integer escalationLevel, String escalationLevelName, Instant nextEscalationDue,
                              Instant securedAt, String securedBy, boolean housingDelayCleared) {
    }

    /** A practical blocker (repairs, deep clean, adaptations, temporary accommodation sign-up) worked as an action. */
    public record HousingAction(long id, String blocker, String action, String owner, LocalDate dueDate, Instant doneAt) {
    }

    static HousingCase map(ResultSet rs, int row) throws SQLException {
        Integer level = rs.getObject("escalation_level", Integer.class);
        return new HousingCase(rs.getLong("id"), rs.getString("pathway_id"), JdbcTimes.instant(rs, "opened_at"),
                rs.getString("need_type"), rs.getString("referral_consent"), rs.getString("chosen_authority"),
                rs.getString("authority_id"), rs.getString("contact_details_consent"), rs.getString("referral_not_sent_reason"),
                JdbcTimes.instant(rs, "referral_sent_at"), rs.getString("authority_answer"),
                JdbcTimes.instant(rs, "authority_answered_at"), level,
                rs.getString("escalation_level_name"), JdbcTimes.instant(rs, "next_escalation_due"),
                JdbcTimes.instant(rs, "secured_at"), rs.getString("secured_by"), rs.getBoolean("housing_delay_cleared"));
    }
}
