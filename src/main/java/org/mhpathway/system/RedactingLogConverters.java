package org.mhpathway.system;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * The log's message and exception converters, with the values a database failure quotes blanked
 * ({@link LogSafe#redactDatabaseValues}): a text too long for its column must not leave its first characters (an NHS
 * number, a name, a clinical note) in the log, whichever logger reports the failure. Camunda reports one failed
 * statement several times: the engine's command context (with the exception), its REST API (with the stack trace as
 * the message), the job executor. Registered in {@code logback-spring.xml} for {@code %m} and {@code %wEx}.
 */
public final class RedactingLogConverters {

    private RedactingLogConverters() {
    }

    /** {@code %m}: the message, as logback formats it, with database values blanked. */
    public static class Message extends MessageConverter {

        @Override
        public String convert(ILoggingEvent event) {
            return LogSafe.redactDatabaseValues(super.convert(event));
        }
    }

    /** {@code %wEx}: the exception and its causes, as Spring Boot prints them, with database values blanked. */
    public static class Throwable extends ExtendedWhitespaceThrowableProxyConverter {

        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return LogSafe.redactDatabaseValues(super.throwableProxyToString(proxy));
        }
    }
}
