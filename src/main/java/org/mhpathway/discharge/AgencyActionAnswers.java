package org.mhpathway.discharge;

import java.util.ArrayList;
import java.util.List;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerAnswer;
import org.mhpathway.partners.PartnerAnswer.Kind;
import org.mhpathway.partners.PartnerAnswerTaker;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * An agency's answers about its part of a multi-agency discharge event ({@code made-actions}): accepted with the
 * actions it agrees and their date, it closes the agency's task as the discharge hub would in Tasklist; completed,
 * it marks those actions done.
 */
@Component
class AgencyActionAnswers implements PartnerAnswerTaker {

    /** The agency's task at a multi-agency discharge event is closed with the actions it sent. */
    static final String MADE_ACTIONS_AGREED = "made-actions-agreed";
    /** The agency's actions agreed at a multi-agency discharge event are marked done. */
    static final String MADE_ACTIONS_DONE = "made-actions-done";

    private final MultiAgencyDischargeEvents events;

    AgencyActionAnswers(MultiAgencyDischargeEvents events) {
        this.events = events;
    }

    @Override
    public String take(String pathwayId, Partner partner, PartnerAnswer answer, String event) {
        if (!PartnerAnswer.MADE_ACTIONS.equals(answer.event())) {
            return null;
        }
        if (answer.kind() == Kind.ACCEPTED) {
            // what the task's form requires: the actions and the date they will be done by
            List<FieldProblem> missing = new ArrayList<>();
            if (answer.note() == null) {
                missing.add(new FieldProblem("note", "is required: the actions your agency agrees"));
            }
            if (answer.dueDate() == null) {
                missing.add(new FieldProblem("dueDate", "is required: the date your agency's actions will be done by"));
            }
            if (!missing.isEmpty()) {
                throw new InvalidRequestException("Invalid partner message", missing);
            }
            if (!events.agencyAgreedActions(pathwayId, partner.role(), partner.id(), answer.note(), answer.dueDate())) {
                throw new ConflictException("No discharge event waiting for your actions", "Pathway " + pathwayId
                        + " has no multi-agency discharge event waiting for the actions of a " + partner.role().code()
                        + ".", "event", "no discharge event is waiting for your actions", null);
            }
            return MADE_ACTIONS_AGREED;
        }
        if (answer.kind() == Kind.COMPLETED && events.agencyActionsDone(pathwayId, partner.role(), answer.occurredAt()) > 0) {
            return MADE_ACTIONS_DONE;
        }
        return null;
    }
}
