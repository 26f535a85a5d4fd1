package dev.blau.common.health;

import dev.blau.common.ServiceName;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the heap is nearly full: then the process should be restarted. Backing
 * services never make an application "dead", only not ready.
 */
@Liveness
@ApplicationScoped
public class HeapLivenessCheck implements HealthCheck {

    static final double MAX_USED_FRACTION = 0.95;

    @Inject
    ServiceName service;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return HealthCheckResponse.named(service.value() + "-heap")
                .status((double) heap.getUsed() / max < MAX_USED_FRACTION)
                .withData("heapUsedBytes", heap.getUsed())
                .withData("heapMaxBytes", max)
                .build();
    }
}
