package org.mhpathway.partners;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This service's address as partners reach it: {@code PUBLIC_URL} ({@code mhpathway.partners.source-endpoint}) when it
 * is set, else {@code http://localhost:} and the port the service really listens on, so a start on another port (or on
 * {@code --server.port=0}) names itself rightly without a second setting.
 */
@Component
public class ServiceAddress {

    private final String configured;
    private final String configuredPort;
    private volatile Integer listening;

    public ServiceAddress(PartnerDeliveryProperties properties, Environment environment) {
        String endpoint = properties.sourceEndpoint();
        this.configured = endpoint == null || endpoint.isBlank() ? null : endpoint.strip().replaceAll("/+$", "");
        this.configuredPort = environment.getProperty("server.port", "8080");
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        // the main server only: a management server on a port of its own has a namespace
        if (event.getApplicationContext().getServerNamespace() == null) {
            listening = event.getWebServer().getPort();
        }
    }

    /** The address, without a trailing slash. */
    public String get() {
        if (configured != null) {
            return configured;
        }
        Integer port = listening;
        return "http://localhost:" + (port != null && port > 0 ? port.toString() : configuredPort);
    }
}
