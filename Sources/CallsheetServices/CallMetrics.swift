import Metrics

/// The call loop's counters, through swift-metrics (the daemon exports them to Prometheus
/// at `/metrics`; without a metrics backend they cost nothing): claims by whether a call
/// came, outcomes by name — whichever front-end the manager used.
enum CallMetrics {
    static func claimed(call: Bool) {
        Counter(label: "callsheet_claims_total", dimensions: [("result", call ? "call" : "none")]).increment()
    }

    /// Counts a recorded outcome (a replayed request counts once, when first recorded).
    static func counted(_ result: CallService.OutcomeResult) -> CallService.OutcomeResult {
        if !result.replayed { Counter(label: "callsheet_outcomes_total", dimensions: [("outcome", result.outcome)]).increment() }
        return result
    }
}
