package com.anchorhealth.server;

import com.anchorhealth.application.port.out.DomainMetrics;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/**
 * The metric registry that {@code /metrics} renders in the Prometheus text format, with the JVM's
 * own meters, and the gRPC interceptors that measure every call.
 */
final class MetricsModule extends AbstractModule {
    /**
     * Buckets of the server latency histograms: fine below a millisecond, where checks answer, up to
     * the 20 s that calls get to finish on shutdown.
     */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20)};

    @Provides
    @Singleton
    PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }

    /**
     * Micrometer's gRPC meters: requests received and responses sent per method, and the server's
     * processing time per method and status code as a histogram.
     */
    @Provides
    @Singleton
    MetricCollectingServerInterceptor grpcMetrics(MeterRegistry registry) {
        return new MetricCollectingServerInterceptor(registry, counter -> counter,
                timer -> timer.serviceLevelObjectives(LATENCY_BUCKETS));
    }

    @Provides
    @Singleton
    DomainMetrics domainMetrics(MeterRegistry registry) {
        return new MicrometerDomainMetrics(registry);
    }

    @Provides
    @Singleton
    CallObserver callObserver(MeterRegistry registry) {
        return new CallObserver(registry);
    }
}
