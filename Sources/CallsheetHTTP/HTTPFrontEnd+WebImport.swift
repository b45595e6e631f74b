import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// Import by upload: the client CSV or the do-not-call CSV, sent from the page and streamed
/// to the same import as the console's `client import` / `dnc import` (``MultipartUpload``:
/// never held whole, read at the import's pace), all-or-nothing unless "skip invalid rows";
/// the answer lists the rejected rows with their line numbers and reasons. The page's script
/// shows a progress bar while the file goes up; without it the form posts as any other.
extension HTTPFrontEnd {
    func addWebImportRoutes(to pages: RouterGroup<APIRequestContext>) {
        pages.get("board/import") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            _ = try Self.boardAdministrator(context)
            return WebPage(template: "import", title: catalog["import_title"], values: [:], tab: "import").response(catalog, context: context)
        }
        pages.post("board/import") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.boardAdministrator(context)
            let upload = try MultipartUpload(request, fileField: "file")
            try await upload.readFields()
            let skipInvalid = upload.fields["skip_invalid"] == "yes"
            var values: [String: Any] = ["file": upload.fileName ?? ""]
            let started = ContinuousClock.now
            var problems: [String]
            do {
                let done = try await runUpload(upload, skipInvalid: skipInvalid, catalog: catalog, as: caller)
                values["counts"] = done.counts
                problems = done.problems
            } catch let error as ServiceError where !error.details.isEmpty {
                // All or nothing: the rows' problems come back with the refusal.
                values["failed"] = error.message
                problems = error.details
            }
            values["took"] = catalog.format("import_took", ["seconds": String(format: "%.1f", (ContinuousClock.now - started).seconds)])
            values["hasProblems"] = !problems.isEmpty
            values["problems"] = problems.map { ["text": $0] }
            return WebPage(template: "import", title: catalog["import_title"], values: ["result": values], tab: "import").response(catalog, context: context)
        }
    }

    /// Runs the upload's import (`kind` = `clients` or `dnc`); answers the page's counts and
    /// the rows it reports (skipped or rejected, `line N: …`).
    private func runUpload(
        _ upload: MultipartUpload, skipInvalid: Bool, catalog: WebCatalog, as caller: Caller
    ) async throws -> (counts: [[String: Any]], problems: [String]) {
        if upload.fields["kind"] == "dnc" {
            let summary = try await useCases.doNotCall.importList(
                lines: { try await upload.nextLine() }, campaignID: nil, defaultReason: Self.nonEmpty(upload.fields["reason"]), skipInvalid: skipInvalid,
                as: caller)
            let counts: [[String: Any]] = [
                ["label": catalog["import_read"], "value": summary.read], ["label": catalog["import_listed"], "value": summary.added],
                ["label": catalog["import_already"], "value": summary.already], ["label": catalog["import_rejected"], "value": summary.rejectedCount],
            ]
            return (counts, summary.report)
        }
        var options = ClientImportService.Options()
        options.source = upload.fileName.map { "upload: \($0)" } ?? "upload"
        options.update = upload.fields["update"] == "yes"
        options.skipInvalid = skipInvalid
        let summary = try await useCases.imports.run(lines: { try await upload.nextLine() }, options: options, as: caller)
        let c = summary.counts
        let counts: [[String: Any]] = [
            ["label": catalog["import_read"], "value": c.read], ["label": catalog["import_inserted"], "value": c.inserted],
            ["label": catalog["import_updated"], "value": c.updated], ["label": catalog["import_skipped"], "value": c.skipped],
            ["label": catalog["import_rejected"], "value": c.rejected],
        ]
        return (counts, summary.report)
    }
}
