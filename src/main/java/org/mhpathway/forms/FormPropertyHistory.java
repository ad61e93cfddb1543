package org.mhpathway.forms;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Camunda's history, with one change: the copy of a submitted form's text that full history keeps as a "form
 * property" ({@code ACT_HI_DETAIL.TEXT_}, a {@code varchar(4000)}) is cut to fit that column. Without this a long
 * answer submitted through Tasklist ({@code submit-form}) failed in the database after {@link LongText} had stored
 * the variable itself whole. Nothing is lost: the same value is in the variable's own history, whole.
 */
final class FormPropertyHistory extends CacheAwareHistoryEventProducer {

    static final String CUT = "…";

    @Override
    public HistoryEvent createFormPropertyUpdateEvt(ExecutionEntity execution, String propertyId, String propertyValue,
                                                    String taskId) {
        return super.createFormPropertyUpdateEvt(execution, propertyId, fitted(propertyValue), taskId);
    }

    static String fitted(String value) {
        if (value == null || value.length() <= LongText.TEXT_COLUMN) {
            return value;
        }
        return value.substring(0, LongText.TEXT_COLUMN - CUT.length()) + CUT;
    }
}
