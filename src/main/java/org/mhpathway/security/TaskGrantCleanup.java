package org.mhpathway.security;

import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An installation that ran before the groups' grants moved to process definitions still holds Camunda's
 * authorization rows for each task ({@link PathwayAuthorizationProvider}): the task query would keep joining them
 * until those tasks end. They grant nothing the definition grants do not, so they are deleted at start, in one
 * statement; a second node doing the same at the same time deletes nothing.
 */
@Component
class TaskGrantCleanup {

    private static final Logger log = LoggerFactory.getLogger(TaskGrantCleanup.class);

    private final JdbcClient jdbc;

    TaskGrantCleanup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-10)
    public void deletePerTaskGrants() {
        int deleted = jdbc.sql("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = ? and RESOURCE_ID_ <> '*'")
                .param(Resources.TASK.resourceType()).update();
        if (deleted > 0) {
            log.info("Deleted {} authorization rows held per task; the groups' grants are on process definitions",
                    deleted);
        }
    }
}
