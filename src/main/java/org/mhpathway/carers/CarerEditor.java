package org.mhpathway.carers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mhpathway.carers.CarerNotices.CarerNotice;
import org.mhpathway.carers.CarerRegister.ConsentDecision;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.JsonBodies;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.PlausibleDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ward's record of the person's chosen carers through the API: add a carer, correct who they are and how to reach
 * them, and record the person's consent to share as it changes during the stay. Every bad field is named; nothing is
 * recorded unless all are right. Only the pathway and carer ids reach the log.
 */
@Service
class CarerEditor {

    static final String TITLE = "Invalid carer";
    static final String CONSENT_RECORDED_AT = "consentRecordedAt";
    static final String CONSENT_CHANGES_APART = "is changed with POST /api/pathways/{pathwayId}/carers/{carerId}/consent";
    private static final Set<String> NEW_CARER = JsonBodies.fieldsOf(CarerRequests.NewCarer.class);
    private static final Set<String> CONTACT = JsonBodies.fieldsOf(CarerRequests.Contact.class);
    private static final Set<String> CONSENT = JsonBodies.fieldsOf(CarerRequests.Consent.class);
    private static final Logger log = LoggerFactory.getLogger(CarerEditor.class);

    private final CarerRegister carers;
    private final CarerNotices notices;
    private final PathwayRegister register;
    private final SlaPolicy policy;
    private final ObjectMapper json;

    CarerEditor(CarerRegister carers, CarerNotices notices, PathwayRegister register, SlaPolicy policy,
                ObjectMapper json) {
        this.carers = carers;
        this.notices = notices;
        this.register = register;
        this.policy = policy;
        this.json = json;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CarersView view(String pathwayId) {
        pathway(pathwayId);
        List<CarerNotice> sent = notices.forPathway(pathwayId);
        return new CarersView(pathwayId, carers.list(pathwayId).stream()
                .map(c -> CarerView.of(c, carers.consentHistory(c.id()),
                        sent.stream().filter(n -> n.carerId() == c.id()).toList()))
                .toList());
    }

    @Transactional
    public CarerView add(String pathwayId, String body, String userId) {
        PathwayRecord pathway = pathway(pathwayId);
        JsonNode root = JsonBodies.object(json, body, TITLE);
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> values = values(root, NEW_CARER, Set.of(), problems);
        CarerDetails details = CarerDetails.read("", values, true, problems);
        Instant at = EngineClock.now();
        Instant consentRecordedAt = consentRecordedAt(values, null, at, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        requireOpen(pathway);
        long id = carers.add(pathwayId, details, consentRecordedAt, userId, at);
        log.info("Pathway {}: carer {} added, consent to share {}", pathwayId, id, details.consentToShare());
        return carerView(pathwayId, id);
    }

    @Transactional
    public CarerView updateContact(String pathwayId, long carerId, String body) {
        PathwayRecord pathway = pathway(pathwayId);
        carer(pathwayId, carerId);
        JsonNode root = JsonBodies.object(json, body, TITLE);
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> values = values(root, CONTACT, CONSENT, problems);
        CarerDetails details = CarerDetails.read("", values, false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        requireOpen(pathway);
        carers.updateContact(carerId, details, EngineClock.now());
        log.info("Pathway {}: carer {} contact details changed", pathwayId, carerId);
        return carerView(pathwayId, carerId);
    }

    @Transactional
    public CarerView recordConsent(String pathwayId, long carerId, String body, String userId) {
        PathwayRecord pathway = pathway(pathwayId);
        Carer carer = carer(pathwayId, carerId);
        JsonNode root = JsonBodies.object(json, body, TITLE);
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> values = values(root, CONSENT, Set.of(), problems);
        Object consent = values.get(CarerDetails.CONSENT_TO_SHARE);
        if (!(consent instanceof Boolean)) {
            problems.add(new FieldProblem(CarerDetails.CONSENT_TO_SHARE, consent == null ? "is required: true or false"
                    : "must be true or false"));
        }
        Instant at = EngineClock.now();
        Instant consentRecordedAt = consentRecordedAt(values, carer.consentRecordedAt(), at, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        requireOpen(pathway);
        carers.recordConsent(carerId, (Boolean) consent, consentRecordedAt, userId, at);
        log.info("Pathway {}: carer {} consent to share now {}", pathwayId, carerId, consent);
        return carerView(pathwayId, carerId);
    }

    /** The body's fields as plain values; a field not in {@code known} is named, one in {@code elsewhere} said where. */
    private Map<String, Object> values(JsonNode root, Set<String> known, Set<String> elsewhere,
                                       List<FieldProblem> problems) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (elsewhere.contains(name)) {
                problems.add(new FieldProblem(name, CONSENT_CHANGES_APART));
            } else if (!known.contains(name)) {
                problems.add(new FieldProblem(name, "is not a known field"));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = json.convertValue(root, Map.class);
        return values;
    }

    /** When the decision was made: now unless given; not in the future, nor before the decision it replaces. */
    private Instant consentRecordedAt(Map<String, Object> values, Instant previous, Instant now,
                                      List<FieldProblem> problems) {
        Object given = values.get(CONSENT_RECORDED_AT);
        if (given == null) {
            return now;
        }
        if (!(given instanceof String text) || text.isBlank()) {
            problems.add(new FieldProblem(CONSENT_RECORDED_AT, "must be an ISO-8601 date-time"));
            return null;
        }
        Instant at;
        try {
            at = IsoDateTimes.toInstant(text, policy.zone());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(CONSENT_RECORDED_AT, "must be an ISO-8601 date-time"));
            return null;
        }
        String implausible = PlausibleDates.pastProblem(at, now, policy.zone());
        if (implausible != null) {
            problems.add(new FieldProblem(CONSENT_RECORDED_AT, implausible));
            return null;
        }
        if (previous != null && at.isBefore(previous)) {
            problems.add(new FieldProblem(CONSENT_RECORDED_AT, "is before the consent recorded already (" + previous + ")"));
            return null;
        }
        return at;
    }

    private CarerView carerView(String pathwayId, long carerId) {
        Carer carer = carer(pathwayId, carerId);
        return CarerView.of(carer, carers.consentHistory(carerId),
                notices.forPathway(pathwayId).stream().filter(n -> n.carerId() == carerId).toList());
    }

    private PathwayRecord pathway(String pathwayId) {
        return register.find(pathwayId).orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
    }

    private Carer carer(String pathwayId, long carerId) {
        return carers.find(pathwayId, carerId)
                .orElseThrow(() -> new NotFoundException("No carer " + carerId + " on pathway " + pathwayId, "carerId"));
    }

    /** A closed pathway's carers are the record of who was told; they are not rewritten afterwards. */
    private static void requireOpen(PathwayRecord pathway) {
        if (pathway.closedAt() != null) {
            throw new ConflictException("Pathway closed", "Pathway " + pathway.pathwayId() + " closed at "
                    + pathway.closedAt() + "; its carers are kept as they were.", "pathwayId", "is closed", null);
        }
    }

    /** {@code GET /api/pathways/{id}/carers}: the pathway's carers, in the order they were recorded. */
    record CarersView(String pathwayId, List<CarerView> carers) {
    }

    /** One carer: who, how to reach them, the person's consent now and every decision, and what they were sent. */
    record CarerView(long carerId, String name, String relationship, String phone, String email, boolean consentToShare,
                     Instant consentRecordedAt, Instant recordedAt, Instant updatedAt,
                     List<ConsentView> consentHistory, List<NoticeView> notices) {

        static CarerView of(Carer c, List<ConsentDecision> history, List<CarerNotice> sent) {
            return new CarerView(c.id(), c.name(), c.relationship(), c.phone(), c.email(), c.consentToShare(),
                    c.consentRecordedAt(), c.recordedAt(), c.updatedAt(),
                    history.stream().map(d -> new ConsentView(d.consentToShare(), d.consentRecordedAt(), d.recordedBy(),
                            d.enteredAt())).toList(),
                    sent.stream().map(n -> new NoticeView(n.event(), n.status(), n.recordedAt(), n.dischargeAt(),
                            n.attempts(), n.deliveredAt(), n.lastError())).toList());
        }
    }

    record ConsentView(boolean consentToShare, Instant consentRecordedAt, String recordedBy, Instant enteredAt) {
    }

    /** @param reason why it was not sent, or why the last attempt failed; null once delivered */
    record NoticeView(String event, String status, Instant recordedAt, Instant dischargeAt, int attempts,
                      Instant deliveredAt, String reason) {
    }
}
