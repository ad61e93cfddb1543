package org.mhpathway.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be ({@code mhpathway.http}). The service's own API takes small JSON documents (the
 * largest, a partner or a partner's answer, is a few kilobytes); the Camunda REST API takes form submissions with
 * free-text fields and lists, and now and then a deployment, so it is allowed more.
 *
 * @param maxBodySize           the most a body of {@code /api} may hold
 * @param engineRestMaxBodySize the most a body of {@code /engine-rest} (and of {@code /camunda/api}, the same API as
 *                              the webapps call it) may hold
 */
@ConfigurationProperties("mhpathway.http")
public record HttpLimits(@DefaultValue("64KB") DataSize maxBodySize,
                         @DefaultValue("256KB") DataSize engineRestMaxBodySize) {
}
