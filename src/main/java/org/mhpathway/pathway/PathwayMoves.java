package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.pathway.WardTransfers.Move;
import org.mhpathway.pathway.WardTransfers.PlacementChange;
import org.mhpathway.pathway.WardTransfers.Recorded;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A move during the stay, as the models record it (PATHWAY.md section 5b):
 * <ul>
 *   <li>{@code ${pathwayMoves.record(execution)}}: the inpatient stay's event subprocess <i>Person moved</i> records
 *       the move that {@code POST /api/pathways/{id}/transfer} brought;</li>
 *   <li>{@code ${pathwayMoves.tellReviews(execution)}}: then tells the reviews of the stay what changed, so that the
 *       weekly repatriation reviews start or stop, the rehabilitation progress review starts or stops, and the long-stay
 *       peer review is dated for the new ward type;</li>
 *   <li>{@code ${pathwayMoves.repatriatedAtReview(execution)}}: a repatriation review that finds the person back in a
 *       bed in the home ICS records that move itself.</li>
 * </ul>
 * Each keeps the move ({@link WardTransfers}) and gives every running process of the pathway the new ward, hospital,
 * bed, ward type and out-of-area flag, so Tasklist shows where the person is and the deadlines see the new ward type.
 */
@Component("pathwayMoves")
public class PathwayMoves {

    /** Why a repatriation review's move is kept, in the words of the record. */
    static final String REPATRIATION_REVIEW_REASON = "Back in a bed in the home ICS (repatriation review)";
    private static final Logger log = LoggerFactory.getLogger(PathwayMoves.class);

    private final WardTransfers transfers;
    private final RuntimeService runtime;
    private final SlaPolicy policy;

    public PathwayMoves(WardTransfers transfers, RuntimeService runtime, SlaPolicy policy) {
        this.transfers = transfers;
        this.runtime = runtime;
        this.policy = policy;
    }

    /** Records the move the message brought; what it changed is left on the event subprocess for its gateway. */
    public void record(DelegateExecution execution) {
        Object outOfArea = execution.getVariable(InpatientStay.TRANSFER_OUT_OF_AREA);
        Move move = new Move(
                IsoDateTimes.toInstant(execution.getVariable(InpatientStay.TRANSFERRED_AT), policy.zone()),
                text(execution.getVariable(InpatientStay.TRANSFER_WARD)),
                text(execution.getVariable(InpatientStay.TRANSFER_HOSPITAL)),
                text(execution.getVariable(InpatientStay.TRANSFER_BED)),
                text(execution.getVariable(InpatientStay.TRANSFER_WARD_TYPE)),
                Boolean.TRUE.equals(outOfArea),
                text(execution.getVariable(InpatientStay.TRANSFER_REASON)));
        Recorded recorded = record(execution, move, WardTransfers.THROUGH_API);
        execution.setVariableLocal(InpatientStay.PLACEMENT_CHANGE, recorded.placement().code());
        execution.setVariableLocal(InpatientStay.WARD_TYPE_CHANGED, recorded.wardTypeChanged());
    }

    /**
     * Tells the reviews of the stay what the move changed: out of area ({@code Msg_MovedOutOfArea}), back in the home
     * ICS ({@code Msg_ReturnedToHomeIcs}), another ward type ({@code Msg_WardTypeChanged}). A review branch that does
     * not wait for the message (the person was already out of area) takes nothing.
     */
    public void tellReviews(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        PlacementChange change = placementChange(execution.getVariable(InpatientStay.PLACEMENT_CHANGE));
        if (change == PlacementChange.STARTED) {
            tell(pathwayId, InpatientReviews.MSG_MOVED_OUT_OF_AREA);
        } else if (change == PlacementChange.ENDED) {
            tell(pathwayId, InpatientReviews.MSG_RETURNED_TO_HOME_ICS);
        }
        if (Boolean.TRUE.equals(execution.getVariable(InpatientStay.WARD_TYPE_CHANGED))) {
            tell(pathwayId, InpatientReviews.MSG_WARD_TYPE_CHANGED);
        }
    }

    /**
     * A repatriation review found the person back in a bed in the home ICS: the move is kept at the review's time, on
     * the same type of ward, and the out-of-area placement ends.
     */
    public void repatriatedAtReview(DelegateExecution execution) {
        Move move = new Move(EngineClock.now(),
                text(execution.getVariable(InpatientReviews.REPATRIATED_TO_WARD)),
                text(execution.getVariable(InpatientReviews.REPATRIATED_TO_HOSPITAL)),
                text(execution.getVariable(InpatientReviews.REPATRIATED_TO_BED)),
                null, false, REPATRIATION_REVIEW_REASON);
        record(execution, move, WardTransfers.THROUGH_REPATRIATION_REVIEW);
        // kept in the move and in history; a later out-of-area placement's review starts with an empty form
        for (String answer : List.of(REPATRIATED, InpatientReviews.REPATRIATED_TO_WARD,
                InpatientReviews.REPATRIATED_TO_HOSPITAL, InpatientReviews.REPATRIATED_TO_BED)) {
            execution.removeVariable(answer);
        }
    }

    private Recorded record(DelegateExecution execution, Move move, String through) {
        String pathwayId = execution.getProcessBusinessKey();
        Recorded recorded = transfers.record(pathwayId, move, through);
        execution.setVariableLocal(InpatientStay.TRANSFER_ID, recorded.id());
        Map<String, Object> place = new LinkedHashMap<>();
        place.put(WARD, move.ward());
        place.put(HOSPITAL, move.hospital());
        place.put(BED, move.bed());
        place.put(WARD_TYPE, recorded.wardType());
        place.put(OUT_OF_AREA, move.outOfArea());
        if (recorded.wardTypeChanged()) {
            place.put(WARD_TYPE_SINCE, move.transferredAt().toString());
        }
        int moved = 0;
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).list()) {
            // a notice already recorded keeps the facts it was recorded with
            if (!PartnerNoticeDelivery.KEY.equals(instance.getProcessDefinitionKey())) {
                movePlace(execution, instance.getId(), place);
                moved++;
            }
        }
        log.info("Pathway {}: move recorded ({}); out-of-area placement {}, ward type {}; {} process(es) given the new place",
                pathwayId, through, recorded.placement().code(), recorded.wardTypeChanged() ? "changed" : "unchanged", moved);
        return recorded;
    }

    /**
     * Gives one process instance of the pathway the new place. Every process that carries the pathway's facts holds
     * its ward type; it gets the whole place, and loses a bed it held when the move names none.
     */
    private void movePlace(DelegateExecution execution, String processInstanceId, Map<String, Object> place) {
        boolean own = processInstanceId.equals(execution.getProcessInstanceId());
        Map<String, Object> held = own ? execution.getProcessInstance().getVariables()
                : runtime.getVariables(processInstanceId, List.copyOf(place.keySet()));
        if (!held.containsKey(WARD_TYPE)) {
            return;
        }
        Map<String, Object> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        place.forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            } else if (held.containsKey(name)) {
                removed.add(name);
            }
        });
        if (own) {
            execution.getProcessInstance().setVariables(set);
            removed.forEach(execution.getProcessInstance()::removeVariable);
        } else {
            runtime.setVariables(processInstanceId, set);
            runtime.removeVariables(processInstanceId, removed);
        }
    }

    private void tell(String pathwayId, String message) {
        int told = runtime.createMessageCorrelation(message).processInstanceBusinessKey(pathwayId)
                .correlateAllWithResult().size();
        log.debug("Pathway {}: {} taken by {} review branch(es)", pathwayId, message, told);
    }

    private static PlacementChange placementChange(Object code) {
        for (PlacementChange change : PlacementChange.values()) {
            if (change.code().equals(code)) {
                return change;
            }
        }
        return PlacementChange.NONE;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
