package org.mhpathway.pathway;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.springframework.stereotype.Component;

/** Starts the inpatient pathway in the engine; the pathway id is its business key. */
@Component
public class PathwayWorkflow {

    private final RuntimeService runtime;

    public PathwayWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    public void start(String pathwayId, Map<String, Object> variables) {
        runtime.startProcessInstanceByKey(InpatientPathway.KEY, pathwayId, variables);
    }
}
