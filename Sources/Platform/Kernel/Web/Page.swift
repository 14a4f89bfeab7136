/// A page to render: its template, the frame around it (title, audience, breadcrumbs, who is signed in) and
/// the view model its template reads. Values reach the HTML only through the template, escaped.
package struct Page<Content: Sendable>: Sendable {
    /// The template's name under `Templates/`, without `.mustache` (`"consultations/list"`).
    package let template: String
    /// The page's title: `<title>` and, by convention, its `h1`.
    package let title: String
    package var audience: Audience
    /// The main navigation's item this page belongs to, marked `aria-current="page"`.
    package var section: NavigationItem?
    package var breadcrumbs: [Breadcrumb] = []
    package var user: SignedInBanner?
    /// Scripts of this page beside `sceau.js` and `assistant.js`, each a `/static/…` path.
    package var scripts: [String] = []
    package var content: Content

    package init(
        _ template: String, title: String, audience: Audience, section: NavigationItem? = nil,
        breadcrumbs: [Breadcrumb] = [], user: SignedInBanner? = nil, scripts: [String] = [], content: Content
    ) {
        self.template = template
        self.title = title
        self.audience = audience
        self.section = section
        self.breadcrumbs = breadcrumbs
        self.user = user
        self.scripts = scripts
        self.content = content
    }
}

extension Page where Content == EmptyContent {
    package init(
        _ template: String, title: String, audience: Audience, section: NavigationItem? = nil,
        breadcrumbs: [Breadcrumb] = [], user: SignedInBanner? = nil
    ) {
        self.init(
            template, title: title, audience: audience, section: section, breadcrumbs: breadcrumbs, user: user,
            content: EmptyContent())
    }
}

/// The view model of a page whose template needs nothing but its frame.
package struct EmptyContent: Sendable {}

/// One step of the breadcrumb trail; the last one, the current page, has no path.
package struct Breadcrumb: Sendable, Equatable {
    package let label: String
    package let path: String?

    package init(_ label: String, _ path: String? = nil) {
        self.label = label
        self.path = path
    }
}

/// Who the header names, with the form that signs them out.
package struct SignedInBanner: Sendable {
    package let displayName: String
    package let csrfToken: String
    package let signOutPath: String
    /// The account page the name links to (« Mon compte »), when the audience has one.
    package let accountPath: String
    package let hasAccount: Bool
    /// Seconds of inactivity that end the session; the page warns before and signs out at the end (`sceau.js`).
    package let idleTimeout: Int64
    package let hasIdleTimeout: Bool
    /// How many seconds before the end the page warns.
    package let idleWarning: Int64
    /// The idle timeout as the warning says it (« 30 minutes »).
    package let idleLabel: String

    package init(
        displayName: String, csrfToken: String, signOutPath: String, accountPath: String? = nil,
        idleTimeout: Int64 = 0
    ) {
        self.displayName = displayName
        self.csrfToken = csrfToken
        self.signOutPath = signOutPath
        self.accountPath = accountPath ?? ""
        hasAccount = accountPath != nil
        self.idleTimeout = idleTimeout
        hasIdleTimeout = idleTimeout > 0
        idleWarning = SessionPolicy.warningLead(idleTimeout: idleTimeout)
        idleLabel =
            idleTimeout % 60 == 0
            ? "\(idleTimeout / 60) minute\(idleTimeout == 60 ? "" : "s")" : "\(idleTimeout) secondes"
    }
}
