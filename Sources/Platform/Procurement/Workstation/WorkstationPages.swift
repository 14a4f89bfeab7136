import PlatformKernel

/// « Outils du poste »: the index of the tools, and each tool's page. The pages hold no secret and no PIN field:
/// the assistant asks the PIN in its own dialog (pinentry); the page shows progress and results.
package struct WorkstationView: Sendable {
    package struct ToolLink: Sendable {
        package let title: String
        package let summary: String
        package let path: String
    }

    package let tools: [ToolLink]
    /// The tool's own links, to move from one tool to the next.
    package let configurationPath: String
    package let signaturePath: String
    package let verificationPath: String
    /// The CSRF token the page sends with `POST /api/signatures/verify`.
    package let csrfToken: String
    /// The largest upload the server verifies, in bytes and as the page says it.
    package let verifyLimit: Int
    package let verifyLimitLabel: String

    package init(space: WorkstationSpace, csrfToken: String, verifyLimit: Int) {
        tools = WorkstationTool.allCases.map {
            ToolLink(title: $0.title, summary: $0.summary, path: "\(space.base)/\($0.rawValue)")
        }
        configurationPath = "\(space.base)/\(WorkstationTool.configuration.rawValue)"
        signaturePath = "\(space.base)/\(WorkstationTool.signature.rawValue)"
        verificationPath = "\(space.base)/\(WorkstationTool.verification.rawValue)"
        self.csrfToken = csrfToken
        self.verifyLimit = verifyLimit
        verifyLimitLabel = FrenchByteCount.text(Int64(verifyLimit))
    }
}

extension WorkstationView {
    package static let indexTitle = "Outils du poste"

    /// The index: a card per tool.
    package static func index(space: WorkstationSpace, view: WorkstationView, user: SignedInBanner)
        -> Page<WorkstationView>
    {
        Page(
            "workstation/index", title: indexTitle, audience: space.audience, section: space.section,
            breadcrumbs: [space.root, Breadcrumb(indexTitle)], user: user, content: view)
    }

    /// A tool's page, with the script that drives it.
    package static func tool(
        _ tool: WorkstationTool, space: WorkstationSpace, view: WorkstationView, user: SignedInBanner
    ) -> Page<WorkstationView> {
        Page(
            tool.template, title: tool.title, audience: space.audience, section: space.section,
            breadcrumbs: [space.root, Breadcrumb(indexTitle, space.base), Breadcrumb(tool.title)], user: user,
            scripts: ["/static/outils-poste.js"], content: view)
    }
}
