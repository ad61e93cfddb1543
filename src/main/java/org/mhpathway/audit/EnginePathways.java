package org.mhpathway.audit;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pathway behind a task or a process instance: the business key of its process instance, or of the root instance
 * when a called instance has none (every instance of this service carries its pathway id as business key). Read
 * straight from the engine's tables in one small query by primary key, so no authorization or tenant check of the
 * user in the request applies: a refused request is attributed to its pathway too.
 */
@Component
class EnginePathways {

    /** The pathway and what the resource is (the task definition key, the process definition key). */
    record Resolved(String pathwayId, String kind) {
    }

    private final JdbcClient jdbc;

    EnginePathways(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A running task, else one that has ended (read from history). */
    Optional<Resolved> ofTask(String taskId) {
        Optional<Resolved> running = jdbc.sql("""
                        select coalesce(p.business_key_, r.business_key_) as pathway_id, t.task_def_key_ as kind
                        from act_ru_task t
                        left join act_ru_execution p on p.id_ = t.proc_inst_id_
                        left join act_ru_execution r on r.id_ = p.root_proc_inst_id_
                        where t.id_ = ?""")
                .param(taskId).query((rs, n) -> new Resolved(rs.getString("pathway_id"), rs.getString("kind")))
                .optional();
        if (running.isPresent()) {
            return running;
        }
        return jdbc.sql("""
                        select coalesce(p.business_key_, r.business_key_) as pathway_id, t.task_def_key_ as kind
                        from act_hi_taskinst t
                        left join act_hi_procinst p on p.id_ = t.proc_inst_id_
                        left join act_hi_procinst r on r.id_ = t.root_proc_inst_id_
                        where t.id_ = ?""")
                .param(taskId).query((rs, n) -> new Resolved(rs.getString("pathway_id"), rs.getString("kind")))
                .optional();
    }

    /** A process instance, running or ended: with full history every one is in the history table. */
    Optional<Resolved> ofProcessInstance(String processInstanceId) {
        return jdbc.sql("""
                        select coalesce(p.business_key_, r.business_key_) as pathway_id, p.proc_def_key_ as kind
                        from act_hi_procinst p
                        left join act_hi_procinst r on r.id_ = p.root_proc_inst_id_
                        where p.id_ = ?""")
                .param(processInstanceId).query((rs, n) -> new Resolved(rs.getString("pathway_id"), rs.getString("kind")))
                .optional();
    }
}
