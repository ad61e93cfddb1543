package org.mhpathway.carers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.Spin;
import org.mhpathway.forms.TaskValuesRefusal;
import org.mhpathway.forms.TaskValues;
import org.mhpathway.pathway.PathwayVariables;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The carers in Tasklist. The ward records them on <i>Agree purpose of admission</i> (PATHWAY.md section 5b: the person's
 * chosen carers are involved in the purpose of admission): {@code ${carersFromForm.record(task)}} on the task's
 * {@code complete} event. The form's dynamic list {@code carers} has been checked against the form already; what no
 * form can say (a telephone number a ward can dial, a telephone number or an e-mail address for each carer) is checked
 * here, and a refusal leaves the task open, naming the field ({@code carers[1].phone}). Each carer is then kept in the
 * carer register, where the API shows them and records later changes of consent. <i>Give 48 hours' notice of
 * discharge</i> shows them again, so the ward confirms each one's consent with the person before anyone is told.
 */
@Component("carersFromForm")
public class CarersFromForm {

    /** Who entered a consent decision when the engine runs without a logged-in user (the demo, a Java caller). */
    static final String THE_SERVICE = "mh-pathway";
    private static final String CARER_ID = "carerId";
    private static final Logger log = LoggerFactory.getLogger(CarersFromForm.class);

    private final CarerRegister carers;
    private final IdentityService identity;
    private final ObjectMapper json;

    public CarersFromForm(CarerRegister carers, IdentityService identity, ObjectMapper json) {
        this.carers = carers;
        this.identity = identity;
        this.json = json;
    }

    /** <i>Agree purpose of admission</i> completed: its carers go to the register. */
    public void record(DelegateTask task) {
        Object value = TaskValues.read(task, List.of(PathwayVariables.CARERS), json).get(PathwayVariables.CARERS);
        if (!(value instanceof List<?> items)) {
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<CarerDetails> recorded = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = PathwayVariables.CARERS + "[" + i + "].";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                problems.add(new FieldProblem(PathwayVariables.CARERS + "[" + i + "]", "must be an object"));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) item;
            CarerDetails details = CarerDetails.read(prefix, fields, true, problems);
            if (details != null) {
                recorded.add(details);
            }
        }
        if (!problems.isEmpty()) {
            throw new TaskValuesRefusal(problems);
        }
        String pathwayId = task.getExecution().getProcessBusinessKey();
        Instant at = EngineClock.now();
        String by = currentUser();
        for (CarerDetails details : recorded) {
            carers.add(pathwayId, details, at, by, at);
        }
        // the register is where carers are kept, and where a change of consent is recorded
        task.getExecution().removeVariable(PathwayVariables.CARERS);
        log.info("Pathway {}: {} carer(s) recorded with the purpose of admission", pathwayId, recorded.size());
    }

    /**
     * <i>Give 48 hours' notice of discharge</i> opens: its form shows the carers as the register holds them now, each
     * with the person's consent, so the ward confirms it with the person before anyone is told. What was shown of each
     * (its id and consent, no personal data) is kept beside them ({@code carersShown}), in the same order, for
     * {@link #confirmAtNotice}.
     */
    public void showForNotice(DelegateTask task) {
        String pathwayId = task.getExecution().getProcessBusinessKey();
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Carer carer : carers.list(pathwayId)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(CarerDetails.NAME, carer.name());
            item.put(CarerDetails.RELATIONSHIP, carer.relationship());
            if (carer.phone() != null) {
                item.put(CarerDetails.PHONE, carer.phone());
            }
            if (carer.email() != null) {
                item.put(CarerDetails.EMAIL, carer.email());
            }
            item.put(CarerDetails.CONSENT_TO_SHARE, carer.consentToShare());
            shown.add(item);
            kept.add(Map.of(CARER_ID, carer.id(), CarerDetails.CONSENT_TO_SHARE, carer.consentToShare()));
        }
        task.getExecution().setVariable(PathwayVariables.CARERS, jsonValue(shown));
        task.getExecution().setVariable(PathwayVariables.CARERS_SHOWN, jsonValue(kept));
    }

    /**
     * <i>Give 48 hours' notice of discharge</i> completed: a carer whose tick the ward changed from what the form showed
     * has the person's new decision recorded (a withdrawal withholds whatever was still to go to them), before the
     * notices are recorded. A tick left as shown changes nothing, so a decision the API recorded after the task opened
     * stands. The list shown is then removed from the process: the register is where carers are kept.
     */
    public void confirmAtNotice(DelegateTask task) {
        String pathwayId = task.getExecution().getProcessBusinessKey();
        Map<String, Object> values = TaskValues.read(task.getExecution(),
                List.of(PathwayVariables.CARERS, PathwayVariables.CARERS_SHOWN), json);
        if (!(values.get(PathwayVariables.CARERS_SHOWN) instanceof List<?> kept)) {
            return;
        }
        List<?> items = values.get(PathwayVariables.CARERS) instanceof List<?> list ? list : List.of();
        if (items.size() != kept.size()) {
            throw new TaskValuesRefusal(PathwayVariables.CARERS, "must list the carers shown, in the order shown ("
                    + kept.size() + ")");
        }
        Instant at = EngineClock.now();
        int changed = 0;
        for (int i = 0; i < kept.size(); i++) {
            if (!(kept.get(i) instanceof Map<?, ?> wasShown) || !(wasShown.get(CARER_ID) instanceof Number id)
                    || !(items.get(i) instanceof Map<?, ?> item)
                    || !(item.get(CarerDetails.CONSENT_TO_SHARE) instanceof Boolean consent)) {
                throw new TaskValuesRefusal(PathwayVariables.CARERS + "[" + i + "]." + CarerDetails.CONSENT_TO_SHARE,
                        "must be true or false");
            }
            if (!consent.equals(wasShown.get(CarerDetails.CONSENT_TO_SHARE))
                    && carers.find(pathwayId, id.longValue()).isPresent()) {
                carers.recordConsent(id.longValue(), consent, at, currentUser(), at);
                changed++;
            }
        }
        task.getExecution().removeVariable(PathwayVariables.CARERS);
        task.getExecution().removeVariable(PathwayVariables.CARERS_SHOWN);
        log.info("Pathway {}: carers' consent confirmed with the 48 hours' notice, {} changed", pathwayId, changed);
    }

    private String currentUser() {
        return identity.getCurrentAuthentication() != null && identity.getCurrentAuthentication().getUserId() != null
                ? identity.getCurrentAuthentication().getUserId() : THE_SERVICE;
    }

    /** A list as Tasklist's forms read and write one: a JSON value. */
    private Object jsonValue(Object list) {
        try {
            return Spin.JSON(json.writeValueAsString(list));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of carers that is not JSON", e);
        }
    }
}
