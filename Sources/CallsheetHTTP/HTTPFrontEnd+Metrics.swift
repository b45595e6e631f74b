import CallsheetServices
import Foundation
import Hummingbird

/// `GET /metrics`: the daemon's figures in Prometheus text format — requests by route and
/// status with latency histograms (Hummingbird's `MetricsMiddleware`), claims and outcomes,
/// database pool use, console connections, open event streams. Allowed from this host
/// (a loopback peer that is not forwarding for someone else) or with a `metrics` token
/// (`token create LOGIN --name prometheus --scope metrics`); API tokens and sessions are
/// refused, so the scrape credential opens nothing else.
extension HTTPFrontEnd {
    func addMetricsRoute(to router: Router<APIRequestContext>) {
        guard let metrics else { return }
        router.get("/metrics") { request, context -> Response in
            let address = RequestOrigin(settings: settings).clientAddress(request, context)
            if !Self.isLoopback(address) {
                guard let token = SignInMiddleware.bearerToken(request) else {
                    return try APIError.unauthenticated("/metrics from another host needs a metrics token (token create LOGIN --name NAME --scope metrics)")
                }
                guard try await useCases.tokens.readsMetrics(token: token) else {
                    return try APIError.response(for: ServiceError(.permission, "this token may not read /metrics (only a live token of --scope metrics may)"))
                }
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: await metrics())))
        }
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
