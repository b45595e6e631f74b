/// What a command answers: an optional body and the `key=value` fields of its `OK` line.
///
/// Commands build values, never text: the session renders the same response as an
/// aligned table for people or as one JSON document for programs.
public struct ConsoleResponse: Sendable, Equatable {
    /// The fields of the status line (`OK key=value …`), in order.
    public var status: [(String, ConsoleValue)]
    public var body: ResponseBody
    /// What the session must do after answering (switch format, close).
    public var effect: SessionEffect?

    public init(status: [(String, ConsoleValue)] = [], body: ResponseBody = .none, effect: SessionEffect? = nil) {
        self.status = status
        self.body = body
        self.effect = effect
    }

    public static func == (lhs: ConsoleResponse, rhs: ConsoleResponse) -> Bool {
        lhs.body == rhs.body && lhs.effect == rhs.effect
            && ConsoleValue.object(lhs.status) == ConsoleValue.object(rhs.status)
    }

    public static let ok = ConsoleResponse()
}

/// The body of a response.
public enum ResponseBody: Sendable, Equatable {
    case none
    /// Free text lines (help, usage).
    case lines([String])
    /// A card: one thing, field by field.
    case record([(String, ConsoleValue)])
    /// Many things with the same columns.
    case table(columns: [String], rows: [[ConsoleValue]])
    /// A card with lists under it: in text the card, then each list under its title; in
    /// JSON one object, each list an array of objects under its key.
    case card([(String, ConsoleValue)], lists: [BodyList])

    public static func == (lhs: ResponseBody, rhs: ResponseBody) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): true
        case let (.lines(a), .lines(b)): a == b
        case let (.record(a), .record(b)): ConsoleValue.object(a) == ConsoleValue.object(b)
        case let (.table(c1, r1), .table(c2, r2)): c1 == c2 && r1 == r2
        case let (.card(f1, l1), .card(f2, l2)): ConsoleValue.object(f1) == ConsoleValue.object(f2) && l1 == l2
        default: false
        }
    }
}

/// A change to the session that a command asks for.
public enum SessionEffect: Sendable, Equatable {
    case setFormat(OutputFormat)
    /// Answer, then close the connection (`quit`).
    case close
}

/// How responses are rendered for one session or one command.
public enum OutputFormat: String, Sendable, Equatable, CaseIterable {
    case text
    case json
}
