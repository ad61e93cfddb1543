package org.mhpathway.security;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.mhpathway.pathway.PathwayVariables;

/**
 * The process models are shared by every ICS; each instance belongs to one (Camunda's "shared definitions,
 * tenant-specific instances"). A called model takes the tenant of the instance that called it; a pathway, escalation,
 * discharge event or partner notice started on its own takes the {@code homeIcs} it is started with. Tasks, jobs,
 * incidents and history carry the instance's tenant, so a user sees only the ICSs they are a member of.
 */
class PathwayTenants implements TenantIdProvider {

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
        if (ctx.getSuperExecution() != null) {
            return ctx.getSuperExecution().getTenantId();
        }
        Object ics = ctx.getVariables() == null ? null : ctx.getVariables().get(PathwayVariables.HOME_ICS);
        if (ics instanceof String code && !code.isBlank()) {
            return code;
        }
        // an instance without a tenant would be visible in every ICS: better not started at all
        throw new ProcessEngineException("Cannot start " + ctx.getProcessDefinition().getKey()
                + " without the " + PathwayVariables.HOME_ICS + " of its pathway");
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
        return ctx.getSuperExecution() != null ? ctx.getSuperExecution().getTenantId() : null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
        if (ctx.getExecution() != null) {
            return ctx.getExecution().getTenantId();
        }
        return ctx.getCaseExecution() != null ? ctx.getCaseExecution().getTenantId() : null;
    }
}
