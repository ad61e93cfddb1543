package org.mhpathway.system;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The JSON logs of the {@code json-logs} profile keep the plain log's rule: every text written (the message, the
 * stack trace) has the values a database failure quotes blanked ({@link LogSafe#redactDatabaseValues}), so no
 * patient identifier or clinical note reaches the log however it is formatted.
 */
public class RedactingJsonLogs implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogSafe::redactDatabaseValues));
    }
}
