package org.mhpathway.system;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock. Everything that dates a pathway event reads it, so that process tests that move the
 * clock with {@code ClockUtil} see the same time as the timers they fire.
 */
public final class EngineClock {

    private EngineClock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
