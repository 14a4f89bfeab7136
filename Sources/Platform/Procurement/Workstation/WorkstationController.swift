import Hummingbird
import NIOCore
import PlatformKernel

/// « Outils du poste »: `GET /espace-agent/outils[/configuration|/signer|/verifier]` for agents,
/// `GET /entreprise/outils[/…]` for companies (each behind its session), and `POST /api/signatures/verify`, the
/// server's verification when no assistant answers (an agent's or a company's session; anonymous refused).
package struct WorkstationController: Sendable {
    package let signatures: SignatureCheckService

    package init(signatures: SignatureCheckService) {
        self.signatures = signatures
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let agents = router.group("espace-agent/outils", context: AgentRequestContext.self)
        agents.get { _, context in
            WorkstationView.index(
                space: .agent, view: view(.agent, context.signedIn.csrfToken), user: context.signedIn.banner)
        }
        let companies = router.group("entreprise/outils", context: BidderRequestContext.self)
        companies.get { _, context in
            WorkstationView.index(
                space: .company, view: view(.company, context.signedIn.csrfToken), user: context.signedIn.banner)
        }
        for tool in WorkstationTool.allCases {
            agents.get(RouterPath(tool.rawValue)) { _, context in
                WorkstationView.tool(
                    tool, space: .agent, view: view(.agent, context.signedIn.csrfToken), user: context.signedIn.banner)
            }
            companies.get(RouterPath(tool.rawValue)) { _, context in
                WorkstationView.tool(
                    tool, space: .company, view: view(.company, context.signedIn.csrfToken),
                    user: context.signedIn.banner)
            }
        }
        router.post("api/signatures/verify", use: verify)
    }

    private func view(_ space: WorkstationSpace, _ csrfToken: String) -> WorkstationView {
        WorkstationView(space: space, csrfToken: csrfToken, verifyLimit: signatures.maximumSize)
    }

    /// The body is the signed file followed, for a detached signature, by the content it covers:
    /// `?fileName=…` names the signed file, `signatureSize` (bytes) splits the body, `contentName` names the content.
    @Sendable package func verify(_ request: Request, context: PlatformRequestContext) async throws
        -> SignatureCheckAnswer
    {
        guard context.agent != nil || context.bidder != nil else {
            throw HTTPError(
                .unauthorized,
                message: "Connectez-vous à l'espace agent ou à l'espace entreprise pour vérifier une signature.")
        }
        let query = request.uri.queryParameters
        let fileName = query["fileName"].map(String.init) ?? "signature"
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > signatures.maximumSize {
            throw SignatureCheckService.tooLarge(signatures.limitLabel)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: signatures.maximumSize)
        } catch is NIOTooManyBytesError {
            throw SignatureCheckService.tooLarge(signatures.limitLabel)
        }
        var bytes = Array(buffer: body)
        var content: [UInt8]?
        let contentName = query["contentName"].map(String.init)
        if let split = query["signatureSize"].flatMap({ Int($0) }), contentName != nil {
            guard (0...bytes.count).contains(split) else {
                throw DomainError.invalidField(
                    field: "signatureSize", reason: "La taille annoncée dépasse celle du fichier envoyé.")
            }
            content = Array(bytes[split...])
            bytes = Array(bytes[..<split])
        }
        let reports = try await signatures.check(
            .init(fileName: fileName, signature: bytes, contentName: contentName, content: content))
        return SignatureCheckAnswer(fileName: fileName, reports: reports)
    }
}
