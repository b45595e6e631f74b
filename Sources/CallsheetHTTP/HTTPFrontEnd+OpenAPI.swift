import CallsheetServices
import Foundation
import Hummingbird

/// `GET /api/v1/openapi.yaml`: the API's contract (`docs/openapi.yaml`, shipped as this
/// module's resource). `OpenAPIContractTests` fails when a route exists that the document
/// lacks, or the other way round.
extension HTTPFrontEnd {
    func addOpenAPIRoute(to api: RouterGroup<APIRequestContext>) {
        api.get("openapi.yaml") { _, _ -> Response in
            guard let document = Self.openAPIDocument else {
                throw ServiceError(.notFound, "the API document was not installed beside callsheetd (\(Self.resourceBundleName)/openapi.yaml)")
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }

    static let resourceBundleName = "Callsheet_CallsheetHTTP.resources"

    /// Read once from the resource bundle beside the executable (where SwiftPM puts it, and
    /// where an installation copies it); nil when it is not there — the API still runs.
    static let openAPIDocument: Data? = {
        let beside = Bundle.main.bundleURL.appendingPathComponent(resourceBundleName).appendingPathComponent("openapi.yaml")
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
            .appendingPathComponent(resourceBundleName).appendingPathComponent("openapi.yaml")
        return [beside, executable].lazy.compactMap { try? Data(contentsOf: $0) }.first
    }()
}
