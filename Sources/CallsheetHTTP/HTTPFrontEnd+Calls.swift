import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The call loop over HTTP: `next`, `outcome`, `callback`, `release`, `agenda` — the same
/// use cases as the console's commands. A manager works their own calls; an administrator
/// names the manager with `?as=LOGIN`, as `--as` on the console.
extension HTTPFrontEnd {
    func addCallRoutes(to api: RouterGroup<APIRequestContext>) {
        api.post("next") { request, context -> Response in
            let body = try await Self.decodeIfPresent(NextBody.self, from: request, context: context)
            let claim = try await useCases.calls.next(
                for: Self.nonEmpty(request.uri.queryParameters.get("as")), campaign: Self.nonEmpty(body?.campaign), as: try Self.caller(context))
            guard let sheet = claim.sheet else { return try Self.json(NoCall(nextDue: claim.nextDue), status: .ok) }
            return try Self.json(CallSheetJSON(sheet), status: .ok)
        }
        api.post("tasks/:id/outcome") { request, context -> Response in
            let body = try await Self.decode(OutcomeBody.self, from: request, context: context)
            let input = CallService.OutcomeInput(
                outcome: body.outcome, note: body.note, amount: body.amount, at: body.at, reason: body.reason, requestID: body.requestID,
                forTeam: body.team ?? false)
            return try await recordOutcome(input, request: request, context: context)
        }
        api.post("tasks/:id/callback") { request, context -> Response in
            let body = try await Self.decode(CallbackBody.self, from: request, context: context)
            let input = CallService.OutcomeInput(
                outcome: CallService.callbackOutcome, note: body.note, at: body.at, requestID: body.requestID, forTeam: body.team ?? false)
            return try await recordOutcome(input, request: request, context: context)
        }
        api.post("tasks/:id/release") { request, context -> Response in
            let task = try Self.taskID(context)
            let body = try await Self.decodeIfPresent(ReleaseBody.self, from: request, context: context)
            try await useCases.calls.release(task: task, reason: body?.reason, for: Self.nonEmpty(request.uri.queryParameters.get("as")), as: try Self.caller(context))
            return try Self.json(Released(task: task), status: .ok)
        }
        api.get("agenda") { request, context -> Response in
            let query = request.uri.queryParameters
            let date = try Self.nonEmpty(query.get("date")).map { try Self.date($0, parameter: "date") }
            let agenda = try await useCases.calls.agenda(for: Self.nonEmpty(query.get("manager")), date: date, as: try Self.caller(context))
            return try Self.json(AgendaJSON(agenda), status: .ok)
        }
    }

    private func recordOutcome(_ input: CallService.OutcomeInput, request: Request, context: APIRequestContext) async throws -> Response {
        let result = try await useCases.calls.recordOutcome(
            task: try Self.taskID(context), input, for: Self.nonEmpty(request.uri.queryParameters.get("as")), as: try Self.caller(context))
        return try Self.json(OutcomeJSON(result), status: .ok)
    }

    static func taskID(_ context: APIRequestContext) throws -> Int {
        guard let text = context.parameters.get("id"), let id = Int(text), id > 0 else {
            throw ServiceError(.invalid, "\"\(context.parameters.get("id") ?? "")\" is not a task id (next answers it as task.id)")
        }
        return id
    }

    static func date(_ text: String, parameter: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw ServiceError(.invalid, "\(parameter)=\(text) is not a date like 2026-11-24") }
        return date
    }

    /// A JSON body that may be absent (`POST /next` with no body at all).
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, context: APIRequestContext) async throws -> T? {
        if request.headers[.contentLength] == "0" || (request.headers[.contentLength] == nil && request.headers[.transferEncoding] == nil) { return nil }
        return try await decode(type, from: request, context: context)
    }

    struct NextBody: Decodable {
        var campaign: String?
    }

    struct OutcomeBody: Decodable {
        var outcome: String
        var amount: String?
        var reason: String?
        var at: String?
        var note: String?
        var requestID: String?
        var team: Bool?

        enum CodingKeys: String, CodingKey {
            case outcome, amount, reason, at, note, team
            case requestID = "request_id"
        }
    }

    struct CallbackBody: Decodable {
        var at: String
        var note: String?
        var requestID: String?
        var team: Bool?

        enum CodingKeys: String, CodingKey {
            case at, note, team
            case requestID = "request_id"
        }
    }

    struct ReleaseBody: Decodable {
        var reason: String?
    }

    struct Released: Encodable {
        var ok = true
        var task: Int
        var released = true

        init(task: Int) { self.task = task }
    }

    struct NoCall: Encodable {
        var task: Int? = nil
        var nextDue: Date?

        enum CodingKeys: String, CodingKey {
            case task
            case nextDue = "next_due"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeNil(forKey: .task)
            try container.encode(nextDue, forKey: .nextDue)
        }
    }

    struct OutcomeJSON: Encodable {
        var ok = true
        var task: Int
        var outcome: String
        var caseState: String?
        var nextTask: Int?
        var nextStep: String?
        var nextDue: String?
        var replayed: Bool

        init(_ r: CallService.OutcomeResult) {
            (task, outcome, replayed) = (r.taskID, r.outcome, r.replayed)
            if !r.replayed { (caseState, nextTask, nextStep, nextDue) = (r.caseState, r.nextTaskID, r.nextStep, r.nextDue?.description) }
        }

        enum CodingKeys: String, CodingKey {
            case ok, task, outcome, replayed
            case caseState = "case"
            case nextTask = "next_task"
            case nextStep = "next_step"
            case nextDue = "next_due"
        }
    }
}
