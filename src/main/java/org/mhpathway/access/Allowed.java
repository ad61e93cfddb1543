package org.mhpathway.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The groups that may call an {@code /api} endpoint (on the method, or on the controller for all its methods).
 * Every {@code /api} handler must say: one without it is refused to everyone. {@link Roles#MANAGERS} listed here
 * may only read (GET): managers see everything of their ICS and change nothing. An endpoint with a
 * {@code {pathwayId}} in its path is also limited to the pathway's ICS, and for the discharge hub and housing to
 * pathways behind an escalation ({@code security.ApiAccessRules}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {

    /** Camunda group ids; see {@link Roles}. */
    String[] value();
}
