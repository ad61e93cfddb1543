package org.mhpathway.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.partners.PartnerMessages.PartnerMessage;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.NoticeAcknowledgement;
import org.mhpathway.pathway.PathwayProcesses.PartnerDeclineResponse;
import org.mhpathway.pathway.PathwayRegister.Milestones;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/partner-messages}: what a partner agency's system sees when it answers, and what its answers
 * do to the pathway (PATHWAY.md section 1: "a way to answer (acknowledge, accept, decline, done)").
 */
class PartnerMessagesApiTest extends ProcessTestCase {

    private static final Duration ACKNOWLEDGEMENT_ALLOWANCE = Duration.ofHours(24);
    private static final Duration FOLLOW_UP_ALLOWANCE = Duration.ofHours(72);
    /** Not an ICS the service serves: these partners are never anyone's care team by default. */
    private static final String TEST_ICS = "TEST";

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerCredentials credentials;
    @Autowired CareTeam careTeam;
    @Autowired PartnerMessages messages;

    private final Map<String, String> secrets = new HashMap<>();
    private Partner cmht;
    private Partner gp;
    private Partner otherCmht;

    @BeforeEach
    void partners() {
        String suffix = Long.toString(System.nanoTime(), 36);
        cmht = partner("cmht-" + suffix, "Derby City CMHT", PartnerRole.COMMUNITY_MH_TEAM);
        gp = partner("gp-" + suffix, "Park Surgery", PartnerRole.GP_PRACTICE);
        otherCmht = partner("cmht-south-" + suffix, "Derby South CMHT", PartnerRole.COMMUNITY_MH_TEAM);
    }

    // ---- who may answer ----

    @Test
    void answerWithoutAGoodCredentialIs401WithABasicChallengeAndRecordsNothing() throws Exception {
        String id = followUpWaiting();
        String body = followUpReport(id).toString();

        for (String authorization : new String[] {null, basic(cmht.id(), "not-the-secret"),
                basic("no-such-partner", secrets.get(cmht.id())), "Basic not*base64", "Bearer " + secrets.get(cmht.id()),
                basic(cmht.id() + ":" + secrets.get(cmht.id()), "")}) {
            var request = post("/api/partner-messages").contentType(MediaType.APPLICATION_JSON).content(body);
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            mvc.perform(request).andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mh-pathway-partners\""))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:unauthorized"))
                    .andExpect(jsonPath("$.status").value(401));
        }
        assertThat(messages.forPathway(id)).isEmpty();
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).hasSize(1);
    }

    @Test
    void credentialIsCheckedBeforeTheBody() throws Exception {
        mvc.perform(post("/api/partner-messages").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void inactivePartnerIs401() throws Exception {
        String id = followUpWaiting();
        directory.save(new Partner(cmht.id(), cmht.name(), cmht.role(), null, TEST_ICS, null, null, cmht.email(),
                false, false), null, now());

        postAs(cmht, followUpReport(id)).andExpect(status().isUnauthorized());
    }

    @Test
    void unknownPathwayIs404() throws Exception {
        postAs(cmht, followUpReport("MHP-0000-0000")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:not-found"))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"));
    }

    @Test
    void partnerNotInThePathwaysCareTeamIs403AndRecordsNothing() throws Exception {
        String id = followUpWaiting();

        postAs(otherCmht, followUpReport(id)).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:forbidden"))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a pathway whose care team includes you"));
        postAs(otherCmht, answer(id, "acknowledged")).andExpect(status().isForbidden());

        assertThat(messages.forPathway(id)).isEmpty();
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).hasSize(1);
    }

    @Test
    void onlyThePathwaysCommunityTeamReportsTheFollowUp() throws Exception {
        String id = followUpWaiting();

        postAs(gp, followUpReport(id)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors[0].field").value("event"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("follow-up may be reported only by the pathway's community mental health team"));

        assertThat(messages.forPathway(id)).isEmpty();
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).hasSize(1);
        // the same GP may still say other things about the pathway
        postAs(gp, answer(id, "accepted").put("event", "follow-up")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("recorded"));
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).hasSize(1);
    }

    // ---- what is refused as malformed ----

    @Test
    void bodyThatIsNotAJsonObjectIs400() throws Exception {
        for (String[] c : new String[][] {{"{\"messageId\": ", "is not valid JSON"}, {"[1, 2]", "must be a JSON object"},
                {"", "is required"}, {"\"text\"", "must be a JSON object"}}) {
            postAs(cmht, c[0]).andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:invalid-request"))
                    .andExpect(jsonPath("$.errors[0].field").value("body"))
                    .andExpect(jsonPath("$.errors[0].message").value(c[1]));
        }
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("messageId", null, "is required"),
                Arguments.of("messageId", 42, "must be a string"),
                Arguments.of("messageId", " ", "is required"),
                Arguments.of("messageId", "m".repeat(201), "must be at most 200 characters"),
                Arguments.of("pathwayId", null, "is required"),
                Arguments.of("pathwayId", true, "must be a string"),
                Arguments.of("kind", null, "is required; one of [acknowledged, accepted, declined, completed]"),
                Arguments.of("kind", "done", "must be one of [acknowledged, accepted, declined, completed]"),
                Arguments.of("kind", "Completed", "must be one of [acknowledged, accepted, declined, completed]"),
                Arguments.of("event", "Follow up", "must be a lower-case event code such as follow-up"),
                Arguments.of("event", 7, "must be a string"),
                Arguments.of("notificationKey", "", "must not be blank"),
                Arguments.of("notificationKey", 12, "must be a string"),
                Arguments.of("occurredAt", "yesterday", "must be an ISO-8601 date-time"),
                Arguments.of("occurredAt", "2026-03-02T10:00:00Z", "is in the future"),
                Arguments.of("note", "n".repeat(2001), "must be at most 2000 characters"),
                Arguments.of("note", List.of("a"), "must be a string"),
                Arguments.of("additionalSupportNeeded", "yes", "must be true or false"),
                Arguments.of("occuredAt", "2026-03-02T08:00:00Z", "is not a known field"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void eachBadFieldIsNamedAndNothingIsRecorded(String field, Object value, String message) throws Exception {
        String id = followUpWaiting();
        ObjectNode body = followUpReport(id);
        if (value == null) {
            body.remove(field);
        } else {
            body.set(field, json.valueToTree(value));
        }

        postAs(cmht, body).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:invalid-request"))
                .andExpect(jsonPath("$.title").value("Invalid partner message"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message));

        assertThat(messages.forPathway(id)).isEmpty();
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).hasSize(1);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() throws Exception {
        postAs(cmht, "{\"messageId\": 1, \"kind\": \"done\", \"event\": \"X\", \"occurredAt\": \"soon\","
                + " \"additionalSupportNeeded\": 0, \"colour\": \"red\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("colour", "messageId", "pathwayId", "kind",
                        "event", "occurredAt", "additionalSupportNeeded")));
    }

    @Test
    void moreSupportCanOnlyBeSaidOfACompletedFollowUp() throws Exception {
        String id = followUpWaiting();
        postAs(cmht, answer(id, "accepted").put("event", "follow-up").put("additionalSupportNeeded", true))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("additionalSupportNeeded"))
                .andExpect(jsonPath("$.errors[0].message").value("applies only to kind completed with event follow-up"));
    }

    @Test
    void notificationKeyThatIsNotANoticeOfThisPathwayToThisPartnerIs400() throws Exception {
        String id = noticeGiven();
        String gpNotice = noticeTo(id, gp).notificationKey();
        String otherPathway = noticeGiven();
        String cmhtNoticeElsewhere = noticeTo(otherPathway, cmht).notificationKey();

        for (String key : new String[] {gpNotice, cmhtNoticeElsewhere, UUID.randomUUID().toString()}) {
            postAs(cmht, answer(id, "acknowledged").put("notificationKey", key))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("notificationKey"))
                    .andExpect(jsonPath("$.errors[0].message").value("is not a notice of this pathway addressed to you"));
        }
        assertThat(messages.forPathway(id)).isEmpty();
        assertThat(noticeTo(id, gp).acknowledgedAt()).isNull();
    }

    @Test
    void followUpReportedWhileNoneIsWaitingIs409AndRecordsNothing() throws Exception {
        String inHospital = noticeGiven();
        postAs(cmht, followUpReport(inHospital)).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:conflict"))
                .andExpect(jsonPath("$.title").value("No follow-up waiting"))
                .andExpect(jsonPath("$.errors[0].field").value("event"))
                .andExpect(jsonPath("$.errors[0].message").value("no follow-up is waiting for this pathway"));
        assertThat(messages.forPathway(inHospital)).isEmpty();

        String id = followUpWaiting();
        postAs(cmht, followUpReport(id)).andExpect(status().isCreated());
        later(Duration.ofHours(1));
        // reported again under a new message id
        postAs(cmht, followUpReport(id)).andExpect(status().isConflict());
        assertThat(messages.forPathway(id)).hasSize(1);
    }

    @Test
    void followUpBeforeTheDischargeIs400() throws Exception {
        String id = followUpWaiting();
        postAs(cmht, followUpReport(id).put("occurredAt", iso(now().minus(Duration.ofHours(2)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("occurredAt"));
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).hasSize(1);
    }

    // ---- the same answer twice ----

    @Test
    void sameAnswerPostedTwiceIsTakenOnceAndTheSecondGetsTheFirstResult() throws Exception {
        String id = followUpWaiting();
        later(Duration.ofHours(30));
        ObjectNode report = followUpReport(id);

        String first = postAs(cmht, report).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("follow-up-completed"))
                .andReturn().getResponse().getContentAsString();
        later(Duration.ofMinutes(10));
        String second = postAs(cmht, report).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(json.readTree(second)).isEqualTo(json.readTree(first));
        assertThat(messages.forPathway(id)).hasSize(1);
        assertThat(history.createHistoricActivityInstanceQuery().activityId(
                FollowUpAfterDischarge.MESSAGE_FOLLOW_UP_REPORTED_BY_TEAM).processInstanceId(
                instanceOf(id, FollowUpAfterDischarge.KEY).getId()).count()).isEqualTo(1);

        // a different answer under the same id is the partner's mistake, not a repeat
        postAs(cmht, answer(id, "declined").put("messageId", report.get("messageId").asText()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("messageId"));
        // message ids are the partner's own: another partner may use the same one
        postAs(gp, answer(id, "acknowledged").put("messageId", report.get("messageId").asText()))
                .andExpect(status().isCreated());
        assertThat(messages.forPathway(id)).hasSize(2);
    }

    // ---- what answers do ----

    /** PATHWAY.md section 2, Key Stage 3: the community team's follow-up closes the step as the Tasklist task would. */
    @Test
    void followUpCompletedByTheCommunityTeamMovesThePathwayPastTheFollowUpStep() throws Exception {
        String id = followUpWaiting();
        ProcessInstance followUp = instanceOf(id, FollowUpAfterDischarge.KEY);
        later(Duration.ofHours(40));
        Instant visitedAt = now().minus(Duration.ofHours(3));

        JsonNode receipt = json.readTree(postAs(cmht, followUpReport(id).put("occurredAt", iso(visitedAt))
                        .put("note", "Seen at home; settled"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());

        assertThat(receipt.get("outcome").asText()).isEqualTo("follow-up-completed");
        assertThat(receipt.get("pathwayId").asText()).isEqualTo(id);
        assertThat(receipt.get("partnerId").asText()).isEqualTo(cmht.id());
        assertThat(Instant.parse(receipt.get("occurredAt").asText())).isEqualTo(visitedAt);
        assertThat(Instant.parse(receipt.get("receivedAt").asText())).isEqualTo(now());
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).isEmpty();
        assertThat(followUp).hasPassed(FollowUpAfterDischarge.MESSAGE_FOLLOW_UP_REPORTED_BY_TEAM,
                        FollowUpAfterDischarge.GATEWAY_ADDITIONAL_SUPPORT_NEEDED, FollowUpAfterDischarge.GATEWAY_SUPPORT_ARRANGED)
                .hasNotPassed(FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT);
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);
        assertThat(register.find(id).orElseThrow().followUpCompletedAt()).isEqualTo(visitedAt);
        assertThat(runtime.getVariable(followUp.getId(), "additionalSupportNeeded")).isEqualTo(false);
        assertThat(runtime.getVariable(followUp.getId(), "followUpOutcome")).isEqualTo("Seen at home; settled");
        assertThat(messages.forPathway(id)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("completed");
            assertThat(m.event()).isEqualTo("follow-up");
            assertThat(m.note()).isEqualTo("Seen at home; settled");
        });

        // the 72-hour timer went with the step: no breach when the 72 hours pass
        later(FOLLOW_UP_ALLOWANCE);
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
        assertThat(followUp).hasNotPassed(FollowUpAfterDischarge.TIMER_FOLLOW_UP_OVERDUE);

        sendGpSummary(id);
        assertThat(followUp).isEnded().hasPassed(FollowUpAfterDischarge.END_FOLLOW_UP_COMPLETED);
    }

    @Test
    void communityTeamReportingMoreSupportNeededOpensArrangeAdditionalSupport() throws Exception {
        String id = followUpWaiting();
        postAs(cmht, followUpReport(id).put("additionalSupportNeeded", true)).andExpect(status().isCreated());

        assertWaitingAt(instanceOf(id, FollowUpAfterDischarge.KEY), FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT,
                FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);
    }

    /** Only notices that reached a partner wait for an acknowledgement; an acknowledgement stops its reminder. */
    @Test
    void acknowledgementStopsTheReminderOfThatNoticeAndTheUnacknowledgedOneIsChasedAfter24Hours() throws Exception {
        String id = noticeGiven();
        Instant sentAt = now();
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("discharge-notice"))
                .extracting(PartnerNotification::status).containsOnly("delivered", "undeliverable").hasSize(5);
        assertThat(reminders(id)).as("one per notice addressed to a partner: the CMHT's and the GP's").hasSize(2);
        assertWaitingAt(instanceOf(id, HospitalDischarge.KEY), HospitalDischarge.CALL_AWAIT_NOTICE_ACKNOWLEDGEMENTS,
                HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);

        later(Duration.ofHours(5));
        Instant acknowledgedAt = now().minus(Duration.ofMinutes(20));
        String cmhtKey = noticeTo(id, cmht).notificationKey();
        postAs(cmht, answer(id, "acknowledged").put("notificationKey", cmhtKey).put("occurredAt", iso(acknowledgedAt)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("notice-acknowledged"))
                .andExpect(jsonPath("$.event").value("discharge-notice"))
                .andExpect(jsonPath("$.notificationKey").value(cmhtKey));

        assertThat(noticeTo(id, cmht).acknowledgedAt()).isEqualTo(acknowledgedAt);
        assertThat(noticeTo(id, gp).acknowledgedAt()).isNull();
        String cmhtReminder = reminderOf(id, cmhtKey);
        assertThat(ended(cmhtReminder)).isTrue();
        assertThat(passed(cmhtReminder, NoticeAcknowledgement.END_NOTICE_ACKNOWLEDGED)).isTrue();

        later(Duration.between(now(), sentAt.plus(ACKNOWLEDGEMENT_ALLOWANCE)));
        fireDueTimers(id);

        List<Task> chases = openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE);
        assertThat(chases).singleElement().satisfies(chase -> {
            assertThat(chase.getDescription()).isEqualTo("Notice to Park Surgery (gp-practice) not acknowledged in time");
            assertThat(chase).hasCandidateGroup("ward-clinicians");
            assertThat(chase.getProcessInstanceId()).isEqualTo(reminderOf(id, noticeTo(id, gp).notificationKey()));
        });
        assertThat(passed(cmhtReminder, NoticeAcknowledgement.TIMER_ACKNOWLEDGEMENT_OVERDUE)).isFalse();
    }

    @Test
    void acknowledgementWhileTheWardChasesWithdrawsTheChase() throws Exception {
        String id = noticeGiven();
        later(ACKNOWLEDGEMENT_ALLOWANCE);
        fireDueTimers(id);
        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).hasSize(2);

        String gpKey = noticeTo(id, gp).notificationKey();
        postAs(gp, answer(id, "acknowledged").put("notificationKey", gpKey)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("notice-acknowledged"));

        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).singleElement()
                .satisfies(chase -> assertThat(chase.getDescription()).contains("Derby City CMHT"));
        assertThat(ended(reminderOf(id, gpKey))).isTrue();
        assertThat(passed(reminderOf(id, gpKey), NoticeAcknowledgement.END_NOTICE_ACKNOWLEDGED_LATE)).isTrue();
    }

    /** The discharge never waits for acknowledgements; reminders still open at discharge are withdrawn. */
    @Test
    void dischargeWithdrawsRemindersStillOpen() throws Exception {
        String id = noticeGiven();
        ProcessInstance discharge = instanceOf(id, HospitalDischarge.KEY);
        later(ACKNOWLEDGEMENT_ALLOWANCE);
        fireDueTimers(id);
        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).hasSize(2);

        prepareForDischarge(id);
        later(Duration.ofHours(24));
        complete(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(now()),
                "dischargeDestination", "home"));

        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.END_DISCHARGED)
                .hasNotPassed(HospitalDischarge.END_NOTICES_ACKNOWLEDGED_OR_CHASED);
        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
        for (HistoricProcessInstance reminder : reminders(id)) {
            assertThat(ended(reminder.getId())).isTrue();
            assertThat(passed(reminder.getId(), NoticeAcknowledgement.END_NOTICE_CHASED)).isFalse();
        }
        // an acknowledgement after discharge is still kept on the notice
        postAs(cmht, answer(id, "acknowledged").put("notificationKey", noticeTo(id, cmht).notificationKey()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.outcome").value("notice-acknowledged"));
        assertThat(noticeTo(id, cmht).acknowledgedAt()).isEqualTo(now());
    }

    @Test
    void reminderBranchEndsOnItsOwnOnceEveryNoticeIsAcknowledgedOrChased() throws Exception {
        String id = noticeGiven();
        ProcessInstance discharge = instanceOf(id, HospitalDischarge.KEY);
        postAs(cmht, answer(id, "acknowledged").put("notificationKey", noticeTo(id, cmht).notificationKey()))
                .andExpect(status().isCreated());
        later(ACKNOWLEDGEMENT_ALLOWANCE);
        fireDueTimers(id);
        complete(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE, Map.of("noticeChaseOutcome", "given-again",
                "noticeChaseNotes", "Faxed to the practice manager"));

        assertThat(discharge).hasPassed(HospitalDischarge.END_NOTICES_ACKNOWLEDGED_OR_CHASED).isNotEnded();
        prepareForDischarge(id);
        later(Duration.ofHours(24));
        complete(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(now()),
                "dischargeDestination", "home"));
        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.END_DISCHARGED);
    }

    /** Accepted, declined and completed about what no step acts on: kept on record, nothing waits for them. */
    @Test
    void otherAnswersAreRecordedAndMoveNothing() throws Exception {
        String id = noticeGiven();
        String gpKey = noticeTo(id, gp).notificationKey();

        postAs(gp, answer(id, "accepted").put("notificationKey", gpKey).put("note", "Will see them on Friday"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("recorded"))
                .andExpect(jsonPath("$.event").value("discharge-notice"))
                .andExpect(jsonPath("$.note").value("Will see them on Friday"));
        postAs(cmht, answer(id, "declined").put("event", "crisis-plan-review")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("recorded"));
        postAs(cmht, answer(id, "completed").put("event", "medication-review")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("recorded"));
        // an acknowledgement that names no notice
        postAs(cmht, answer(id, "acknowledged")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("recorded"));

        assertThat(messages.forPathway(id)).extracting(PartnerMessage::kind)
                .containsExactly("accepted", "declined", "completed", "acknowledged");
        assertThat(noticeTo(id, gp).acknowledgedAt()).as("accepting is not acknowledging").isNull();
        assertThat(reminders(id)).allSatisfy(r -> assertThat(r.getEndTime()).isNull());
        assertThat(openTasks(id, PartnerDeclineResponse.TASK_RESPOND_TO_PARTNER_DECLINE))
                .as("declining what the ward did not ask of the partner gives the ward nothing to do").isEmpty();
    }

    /**
     * PATHWAY.md section 2, Key Stage 3 (seed 004: follow-up within 72 hours of discharge): the community team
     * declining the follow-up puts a task in front of the ward the same day; the follow-up itself stays owed.
     */
    @Test
    void communityTeamDecliningTheFollowUpPutsATaskInFrontOfTheWard() throws Exception {
        String id = followUpWaiting();
        ProcessInstance followUp = instanceOf(id, FollowUpAfterDischarge.KEY);
        later(Duration.ofHours(2));

        postAs(cmht, answer(id, "declined").put("event", "follow-up").put("note", "Not known to our team: out of area"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("decline-sent-to-ward"));

        ProcessInstance response = instanceOf(id, PartnerDeclineResponse.KEY);
        assertThat(response).hasPassed(PartnerDeclineResponse.START_PARTNER_DECLINED);
        assertWaitingAt(response, PartnerDeclineResponse.TASK_RESPOND_TO_PARTNER_DECLINE);
        Task task = openTasks(id, PartnerDeclineResponse.TASK_RESPOND_TO_PARTNER_DECLINE).get(0);
        assertThat(task).hasCandidateGroup("ward-clinicians");
        assertThat(task.getDescription()).isEqualTo("Declined by Derby City CMHT (community-mh-team)");
        assertThat(task.getDueDate().toInstant()).as("by the end of the day the decline came")
                .isEqualTo(Instant.parse("2026-03-02T23:59:59Z"));
        assertThat(task.getTenantId()).isEqualTo("QJ2");
        assertThat(runtime.getVariables(response.getId())).containsEntry("declinedBy", "Derby City CMHT (community-mh-team)")
                .containsEntry("declinedByPartner", cmht.id())
                .containsEntry("declinedEvent", "follow-up")
                .containsEntry("declinedWhat", "Discharge from hospital: Follow up the person within 72 hours of"
                        + " discharge, face to face where possible.")
                .containsEntry("declineReason", "Not known to our team: out of area")
                .containsEntry("declinedAt", now().toString())
                .containsEntry("pathwayId", id);
        // the follow-up is still owed, and still the community team's
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP,
                FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);

        complete(id, PartnerDeclineResponse.TASK_RESPOND_TO_PARTNER_DECLINE, Map.of("declineOutcome", "another-partner",
                "declineResponse", "Care team changed to Derby South CMHT, who will visit tomorrow"));
        assertThat(response).isEnded().hasPassed(PartnerDeclineResponse.END_DECLINE_ANSWERED);
        assertThat(messages.forPathway(id)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("declined");
            assertThat(m.event()).isEqualTo("follow-up");
        });
    }

    /** Seed 004, at and following discharge: a partner declining its part of the discharge is the ward's to resolve. */
    @Test
    void partnerDecliningItsPartOfTheDischargePutsATaskInFrontOfTheWard() throws Exception {
        String id = noticeGiven();
        String gpKey = noticeTo(id, gp).notificationKey();

        postAs(gp, answer(id, "declined").put("notificationKey", gpKey))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.event").value("discharge-notice"))
                .andExpect(jsonPath("$.outcome").value("decline-sent-to-ward"));

        ProcessInstance response = instanceOf(id, PartnerDeclineResponse.KEY);
        Task task = openTasks(id, PartnerDeclineResponse.TASK_RESPOND_TO_PARTNER_DECLINE).get(0);
        assertThat(task).hasCandidateGroup("ward-clinicians");
        assertThat(task.getDescription()).isEqualTo("Declined by Park Surgery (gp-practice)");
        assertThat(runtime.getVariables(response.getId()))
                .containsEntry("declinedWhat", "48 hours' notice of discharge: Plan your part of the discharge support;"
                        + " discharge no sooner than 48 hours from now.")
                .containsEntry("declineReason", "No reason given.");
        // the discharge goes on; declining is not acknowledging
        assertWaitingAt(instanceOf(id, HospitalDischarge.KEY), HospitalDischarge.CALL_AWAIT_NOTICE_ACKNOWLEDGEMENTS,
                HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
        assertThat(noticeTo(id, gp).acknowledgedAt()).isNull();

        complete(id, PartnerDeclineResponse.TASK_RESPOND_TO_PARTNER_DECLINE, Map.of("declineOutcome", "partner-agreed",
                "declineResponse", "Spoke to the practice manager: the GP will review medication after all"));
        assertThat(response).isEnded().hasPassed(PartnerDeclineResponse.END_DECLINE_ANSWERED);
    }

    // ---- pathways and partners ----

    private Partner partner(String id, String name, PartnerRole role) {
        Partner p = new Partner(id, name, role, null, TEST_ICS, null, null, id + "@partners.example.org", false, true);
        String secret = credentials.newSecret();
        directory.save(p, credentials.hash(secret), now());
        secrets.put(id, secret);
        return p;
    }

    /** Discharged an hour ago; follow-up and GP summary owed; the CMHT and the GP practice in the care team. */
    private String followUpWaiting() {
        Instant dischargedAt = now().minus(Duration.ofHours(1));
        String id = startCalledModel(FollowUpAfterDischarge.KEY, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", "home")).getBusinessKey();
        register.recordMilestones(id, new Milestones(null, null, null, null, dischargedAt, "home", null, null, null));
        assignCareTeam(id);
        return id;
    }

    /** 48 hours' notice of discharge given now, the notices recorded: the CMHT's and the GP's reach a partner. */
    private String noticeGiven() {
        String id = startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()),
                "clinicallyReadyForDischarge", true)).getBusinessKey();
        assignCareTeam(id);
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT weekly",
                "estimatedDischargeDate", "2026-03-04", "eddChangeReason", "Date agreed with the community team"));
        complete(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(now()),
                "plannedDischargeAt", iso(now().plus(Duration.ofHours(48))), "noticeGivenTo", noticeGivenTo()));
        return id;
    }

    private void assignCareTeam(String id) {
        careTeam.assign(id, PartnerRole.COMMUNITY_MH_TEAM, cmht.id(), now());
        careTeam.assign(id, PartnerRole.GP_PRACTICE, gp.id(), now());
    }

    private void prepareForDischarge(String id) {
        complete(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now().plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
    }

    private PartnerNotification noticeTo(String pathwayId, Partner partner) {
        return notifications.forPathway(pathwayId).stream()
                .filter(n -> n.event().equals("discharge-notice") && partner.id().equals(n.partnerId()))
                .findFirst().orElseThrow();
    }

    private List<HistoricProcessInstance> reminders(String pathwayId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(pathwayId)
                .processDefinitionKey(NoticeAcknowledgement.KEY).list();
    }

    /** The id of the reminder started for the notice with this key. */
    private String reminderOf(String pathwayId, String notificationKey) {
        return reminders(pathwayId).stream()
                .filter(r -> notificationKey.equals(history.createHistoricVariableInstanceQuery().processInstanceId(r.getId())
                        .variableName("notificationKey").singleResult().getValue()))
                .map(HistoricProcessInstance::getId).findFirst().orElseThrow();
    }

    private boolean ended(String instanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult().getEndTime() != null;
    }

    private boolean passed(String instanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId(activityId)
                .finished().count() > 0;
    }

    // ---- requests ----

    private ObjectNode answer(String pathwayId, String kind) {
        return json.createObjectNode().put("messageId", "msg-" + UUID.randomUUID()).put("pathwayId", pathwayId)
                .put("kind", kind);
    }

    private ObjectNode followUpReport(String pathwayId) {
        return answer(pathwayId, "completed").put("event", "follow-up").put("occurredAt", iso(now()));
    }

    private ResultActions postAs(Partner partner, Object body) throws Exception {
        return mvc.perform(post("/api/partner-messages").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, basic(partner.id(), secrets.get(partner.id())))
                .content(body.toString()));
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
