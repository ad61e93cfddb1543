package org.mhpathway.operations;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.mhpathway.access.Allowed;
import org.mhpathway.system.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.mhpathway.access.Roles;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's metrics in Prometheus's text format, for administrators: the operations gauges
 * ({@link OperationsMetrics}), the JVM, the connection pool and the web requests of the API. A scraper
 * logs in with HTTP Basic as an administrator, as on the rest of the API.
 */
@RestController
class MetricsController {

    static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

    private final ObjectProvider<PrometheusMeterRegistry> registry;

    MetricsController(ObjectProvider<PrometheusMeterRegistry> registry) {
        this.registry = registry;
    }

    @GetMapping("/api/metrics")
    @Allowed(Roles.ADMINISTRATORS)
    ResponseEntity<String> metrics() {
        PrometheusMeterRegistry prometheus = registry.getIfAvailable();
        if (prometheus == null) {
            // management.prometheus.metrics.export.enabled=false
            throw new NotFoundException("The metrics are switched off on this node.", null);
        }
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).cacheControl(CacheControl.noStore())
                .body(prometheus.scrape());
    }
}
