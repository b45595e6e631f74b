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

    /// This module's resources, beside the executable (where SwiftPM puts them, and where an
    /// installation copies them); nil when they are not there — the API still runs.
    static let resourceDirectory: URL? = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent(resourceBundleName),
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent(resourceBundleName),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("openapi.yaml").path) }
    }()

    /// Read once.
    static let openAPIDocument: Data? = resourceDirectory.flatMap { try? Data(contentsOf: $0.appendingPathComponent("openapi.yaml")) }
}
