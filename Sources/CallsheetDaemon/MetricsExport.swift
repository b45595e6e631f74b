import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization

/// The daemon's Prometheus registry. swift-metrics is bootstrapped with it once per
/// process (the call loop's counters and Hummingbird's request metrics land here); the
/// gauges that are states rather than events (pool use, connections, event streams) are
/// set when `/metrics` is read.
final class MetricsExport: Sendable {
    let registry: PrometheusCollectorRegistry

    private init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (Self.sanitized(name), labels.map { (Self.sanitized($0.0), $0.1) })
        }
        factory.defaultDurationHistogramBuckets = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map { Duration.milliseconds($0) }
        MetricsSystem.bootstrap(factory)
    }

    /// The one registry of this process (swift-metrics can be bootstrapped only once).
    static let shared = MetricsExport()

    /// Prometheus text, after setting the current states.
    func text(poolInUse: Int, poolMaximum: Int, consoleConnections: Int, eventStreams: Int) -> String {
        gauge("db_connections_in_use", "Database connections lent out to use cases now").set(Double(poolInUse))
        gauge("db_connections_max", "Database connections of all pools together").set(Double(poolMaximum))
        gauge("console_connections", "Open console connections").set(Double(consoleConnections))
        gauge("event_streams", "Open server-sent event streams").set(Double(eventStreams))
        return registry.emitToString()
    }

    private func gauge(_ name: String, _ help: String) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "callsheet", metricName: name, unitName: "", helpText: help))
    }

    /// Prometheus names allow `[a-zA-Z0-9_:]`: `hb.requests` becomes `hb_requests`.
    static func sanitized(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }
}
