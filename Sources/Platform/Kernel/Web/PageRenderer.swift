import Foundation
import Hummingbird
import Mustache

/// The one way a page becomes HTML: the Mustache templates under `Templates/` (each platform library's
/// resources, see ``WebResources``), where every `{{value}}` is escaped. A template that would print a value raw (`{{{…}}}` or `{{&…}}`) is
/// refused when the templates load, so no value can reach a page unescaped.
package struct PageRenderer: Sendable {
    package let library: MustacheLibrary

    /// The platform's templates, read once from the libraries' resources.
    package static let standard: PageRenderer = {
        let folders = WebResources.folders(named: "Templates")
        guard !folders.isEmpty else {
            fatalError("The platform's templates are missing from its resources (sceau_*.resources/Templates).")
        }
        do {
            return try PageRenderer(folders: folders)
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Loads every `*.mustache` file under `folders`, named by its path without the extension; a name found
    /// twice is refused.
    package init(folders: [URL]) throws(TemplateError) {
        var library = MustacheLibrary()
        var names: Set<String> = []
        for folder in folders {
            let root = folder.standardizedFileURL.path
            guard let paths = FileManager.default.enumerator(atPath: root) else {
                throw .unreadable(path: root)
            }
            for case let path as String in paths where path.hasSuffix(".mustache") {
                let name = String(path.dropLast(".mustache".count))
                guard names.insert(name).inserted else { throw .duplicate(template: name) }
                guard let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else {
                    throw .unreadable(path: path)
                }
                if text.contains("{{{") || text.contains("{{&") {
                    throw .rawOutput(template: name)
                }
                do {
                    try library.register(text, named: name)
                } catch {
                    throw .invalid(template: name, reason: String(describing: error))
                }
            }
        }
        self.library = library
    }

    /// The page's HTML: its template inside the layout (`layout`), fed with the frame and the view model.
    /// `formToken` is what public forms carry (``PlatformRequestContext/formToken``), read by `web/form-token`.
    package func render<Content: Sendable>(_ page: Page<Content>, formToken: String? = nil) -> String {
        guard let html = library.render(LayoutModel(page, formToken: formToken), withTemplate: page.template) else {
            fatalError("No template named \(page.template) among the platform's templates.")
        }
        return html
    }

    /// Why the templates could not be loaded: a defect of the build, reported at start.
    package enum TemplateError: Error, CustomStringConvertible {
        case unreadable(path: String)
        case rawOutput(template: String)
        case invalid(template: String, reason: String)
        case duplicate(template: String)

        package var description: String {
            switch self {
            case .unreadable(let path): "The template \(path) cannot be read."
            case .rawOutput(let template):
                "The template \(template) prints a value unescaped ({{{…}}} or {{&…}}): use {{…}}."
            case .invalid(let template, let reason): "The template \(template) is not valid Mustache: \(reason)"
            case .duplicate(let template): "Two libraries ship a template named \(template): rename one."
            }
        }
    }
}

/// What `layout.mustache` reads around the page's own view model (`content`).
package struct LayoutModel<Content: Sendable>: Sendable {
    package let documentTitle: String
    package let title: String
    package let siteName: String
    package let homePath: String
    package let navigation: [NavigationLink]
    package let hasNavigation: Bool
    package let breadcrumbs: [Breadcrumb]
    package let hasBreadcrumbs: Bool
    package let user: SignedInBanner?
    package let showsAssistant: Bool
    /// Where a page signed out for inactivity goes: the audience's sign-in page, which says why.
    package let signInPath: String
    package let scripts: [String]
    /// The CSRF token of a session the browser already holds, for the public forms (`web/form-token`).
    package let formToken: String?
    package let content: Content

    package init(_ page: Page<Content>, formToken: String? = nil) {
        documentTitle = "\(page.title) — Sceau"
        title = page.title
        siteName = page.audience.siteName
        homePath = page.audience.homePath
        navigation = page.audience.navigation(signedIn: page.user != nil).map {
            NavigationLink(label: $0.label, path: $0.path, current: $0 == page.section)
        }
        hasNavigation = !navigation.isEmpty
        breadcrumbs = page.breadcrumbs
        hasBreadcrumbs = !page.breadcrumbs.isEmpty
        user = page.user
        showsAssistant = page.audience.usesAssistant && !(page.section?.skipsAssistant ?? false)
        signInPath = page.audience.signIn.path + "?fin=inactivite"
        scripts = page.scripts
        self.formToken = formToken
        content = page.content
    }
}

/// A main navigation's link, `current` on the page's own section.
package struct NavigationLink: Sendable {
    package let label: String
    package let path: String
    package let current: Bool

    package init(label: String, path: String, current: Bool) {
        self.label = label
        self.path = path
        self.current = current
    }
}
