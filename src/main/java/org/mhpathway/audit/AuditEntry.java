package org.mhpathway.audit;

import java.time.Instant;

/**
 * One access to one pathway: who ({@code userId}), when ({@code at}), which pathway, whether they viewed or changed it,
 * through which surface, what exactly (the HTTP method and path template, or the engine resource) and the HTTP status
 * they were answered with. {@code pathwayId} is null only for a read of the audit itself.
 */
public record AuditEntry(long id, Instant at, String userId, String pathwayId, Action action, Surface surface,
                         String what, int outcome) {

    /** Reading (GET, HEAD) or anything else. */
    public enum Action {
        VIEW, CHANGE;

        static Action of(String httpMethod) {
            return "GET".equalsIgnoreCase(httpMethod) || "HEAD".equalsIgnoreCase(httpMethod) ? VIEW : CHANGE;
        }
    }

    /** Where the access came in. */
    public enum Surface {
        /** the service's own {@code /api} */
        API("api"),
        /** Camunda's REST API, {@code /engine-rest} */
        ENGINE_REST("engine-rest"),
        /** Tasklist and Cockpit, through {@code /camunda/api/engine} */
        WEBAPP("webapp");

        private final String code;

        Surface(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Surface ofCode(String code) {
            for (Surface s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no surface " + code);
        }

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return code;
        }
    }
}
