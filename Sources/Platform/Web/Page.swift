/// A page to render: its template, the frame around it (title, audience, breadcrumbs, who is signed in) and
/// the view model its template reads. Values reach the HTML only through the template, escaped.
struct Page<Content: Sendable>: Sendable {
    /// The template's name under `Templates/`, without `.mustache` (`"consultations/list"`).
    let template: String
    /// The page's title: `<title>` and, by convention, its `h1`.
    let title: String
    var audience: Audience
    /// The main navigation's item this page belongs to, marked `aria-current="page"`.
    var section: NavigationItem?
    var breadcrumbs: [Breadcrumb] = []
    var user: SignedInBanner?
    /// Scripts of this page beside `sceau.js` and `assistant.js`, each a `/static/…` path.
    var scripts: [String] = []
    var content: Content

    init(
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
    init(
        _ template: String, title: String, audience: Audience, section: NavigationItem? = nil,
        breadcrumbs: [Breadcrumb] = [], user: SignedInBanner? = nil
    ) {
        self.init(
            template, title: title, audience: audience, section: section, breadcrumbs: breadcrumbs, user: user,
            content: EmptyContent())
    }
}

/// The view model of a page whose template needs nothing but its frame.
struct EmptyContent: Sendable {}

/// One step of the breadcrumb trail; the last one, the current page, has no path.
struct Breadcrumb: Sendable, Equatable {
    let label: String
    let path: String?

    init(_ label: String, _ path: String? = nil) {
        self.label = label
        self.path = path
    }
}

/// Who the header names, with the form that signs them out.
struct SignedInBanner: Sendable {
    let displayName: String
    let csrfToken: String
    let signOutPath: String
}
