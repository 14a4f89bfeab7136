import CoreDesign
import CoreModel
import CorePlatformAPI
import CoreTokens
import Foundation
import Hummingbird
import HummingbirdWebSocket

/// The local page at `/`, its stylesheet at `/static/sceau.css` (CoreDesign's, as on the platform) and its
/// forms. Any site can make the browser post to 127.0.0.1, so every form must come from this page itself:
/// its `Origin` must be the assistant's own, and it must carry the token this page was rendered with.
struct LocalPageController {
    let pairings: PairingStore
    let jobs: JobRegistry
    /// Remote jobs, whose plis folder the page shows and lets the user choose.
    let remoteJobs: RemoteJobService?
    /// Where the chosen plis folder is saved.
    let plisFolderFile: URL?
    /// Rendered into every form; a page of another site cannot read it.
    let formToken: String
    let port: Int

    init(
        pairings: PairingStore, jobs: JobRegistry, port: Int, remoteJobs: RemoteJobService? = nil,
        plisFolderFile: URL? = nil
    ) {
        self.pairings = pairings
        self.jobs = jobs
        self.remoteJobs = remoteJobs
        self.plisFolderFile = plisFolderFile
        self.port = port
        formToken = (0..<24).map { _ in UInt8.random(in: 0...255) }.hex
    }

    func register(on router: Router<BasicWebSocketRequestContext>) {
        router.get("/") { _, _ in try await page(notice: nil) }
        let stylesheet = ByteBuffer(string: Stylesheet.css)
        router.get("/static/sceau.css") { _, _ in LocalPageResponse.stylesheet(stylesheet) }
        router.post("/pairings") { request, context in
            let form = try await checkedForm(request, context: context)
            do {
                let origin = try PlatformOrigin(form["origin"] ?? "")
                let key = (form["publicKey"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if !key.isEmpty, !PlatformAPI.RemoteJobOffer.isUsablePublicKey(key) {
                    return try await page(
                        notice: .error(
                            "La clé donnée n'est pas une clé publique ECDSA P-256 en PEM : copiez celle que "
                                + "publie la plateforme (\(origin)/api/platform/signing-key).",
                            field: "cle-publique"),
                        entered: form)
                }
                try await pairings.pair(origin, publicKeyPEM: key.isEmpty ? nil : key + "\n")
                return try await page(
                    notice: key.isEmpty
                        ? .warning(
                            "Plateforme \(origin) appairée, sans sa clé : ses traitements seront refusés tant "
                                + "qu'elle n'est pas donnée.")
                        : .success("Plateforme \(origin) appairée avec sa clé de signature."))
            } catch let error as PairingError {
                let field: String? =
                    switch error {
                    case .invalidOrigin, .insecureOrigin: "origine"
                    default: nil
                    }
                return try await page(notice: .error(error.description, field: field), entered: form)
            }
        }
        router.post("/pairings/remove") { request, context in
            let form = try await checkedForm(request, context: context)
            let origin = try PlatformOrigin(form["origin"] ?? "")
            _ = try await pairings.unpair(origin)
            return try await page(notice: .success("La plateforme \(origin) n'est plus appairée."))
        }
        router.post("/settings/plis-folder") { request, context in
            let form = try await checkedForm(request, context: context)
            guard let remoteJobs, let plisFolderFile else { return try await page(notice: nil) }
            let folder: URL
            do {
                folder = try PlisFolderSetting.choose(form["folder"] ?? "", savingTo: plisFolderFile)
            } catch {
                return try await page(notice: .error(String(describing: error), field: "dossier"), entered: form)
            }
            await remoteJobs.usePlisFolder(folder)
            return try await page(notice: .success("Les plis téléchargés iront dans \(folder.path)."))
        }
        router.post("/jobs/cancel") { request, context in
            let form = try await checkedForm(request, context: context)
            let cancelling = await jobs.cancel(id: form["id"] ?? "", origin: nil)
            return try await page(
                notice: cancelling ? .success("Annulation demandée.") : .warning("Ce traitement n'existe plus."))
        }
    }

    private func page(notice: StatusPage.Notice?, entered: [String: String] = [:]) async throws -> LocalPageResponse {
        let found =
            (try? await offCooperativePool { CertificateCatalog.readTokenCertificates(try P11Library.registered()) })
            ?? []
        let certificates = await CertificateCatalog().evaluate(found)
        let page = StatusPage(
            certificates: certificates, pairings: await pairings.all(), jobs: await jobs.list(origin: nil),
            formToken: formToken, notice: notice, plisFolder: await remoteJobs?.settings.plisFolder,
            entered: entered.filter { $0.key != "token" })
        return .page(page.render())
    }

    /// The form's fields, once its Origin and token are checked.
    private func checkedForm(_ request: Request, context: BasicWebSocketRequestContext) async throws -> [String: String]
    {
        let allowed = ["http://127.0.0.1:\(port)", "http://localhost:\(port)", "http://[::1]:\(port)"]
        let origins = request.headers[values: .origin]
        guard origins.count == 1, let origin = origins.first, port == 0 || allowed.contains(origin) else {
            throw HTTPError(.forbidden, message: "Forms of the assistant's page can only be sent from that page.")
        }
        let body = try await request.body.collect(upTo: 16 * 1024)
        let fields = Self.parseForm(String(buffer: body))
        guard FormToken.matches(fields["token"], formToken) else {
            throw HTTPError(.forbidden, message: "This form has expired: reload the assistant's page.")
        }
        return fields
    }

    /// Parses `application/x-www-form-urlencoded`.
    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
