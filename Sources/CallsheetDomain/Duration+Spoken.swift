extension Duration {
    /// How a limit is named in a message: `30 s`, or `500 ms` under a second — the one
    /// spelling every front-end and the store use for deadlines and timeouts.
    public var spoken: String {
        let (seconds, attoseconds) = components
        return seconds >= 1 ? "\(seconds) s" : "\(attoseconds / 1_000_000_000_000_000) ms"
    }

    /// The duration in seconds, for figures people read (`took 5.7 s`).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
