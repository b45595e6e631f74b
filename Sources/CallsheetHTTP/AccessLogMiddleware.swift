import Foundation
import Hummingbird
import Logging

/// One log line per request: method, route (the pattern, not the path: ids and query
/// strings stay out), status, duration and who signed in. Never a password, token or
/// cookie: only the route is logged, never headers or bodies.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info(
                "http request",
                metadata: [
                    "method": "\(request.method)", "route": "\(context.endpointPath ?? "unmatched")", "status": "\(status)",
                    "ms": "\(String(format: "%.1f", milliseconds))", "account": "\(context.accessNote.login ?? "-")",
                ])
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
