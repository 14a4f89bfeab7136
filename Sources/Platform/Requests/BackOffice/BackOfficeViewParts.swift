import Hummingbird
import PlatformKernel

/// The pieces every page of the agents' back office of citizens' requests ("Démarches des usagers") shares:
/// its frame (navigation item, breadcrumbs, its own menu), status badges, select options, form fields and
/// the refusal of a form.
///
/// View models here have no optional property: Mustache looks a missing or `nil` name up in the enclosing
/// sections, so each optional value comes as a non-optional one beside a `has…` flag.
package enum BackOffice {
    package static let root = "/espace-agent/demarches"

    /// The trail of every back office page: "Espace agent › Démarches des usagers › …".
    package static func breadcrumbs(_ trail: [Breadcrumb]) -> [Breadcrumb] {
        [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Démarches des usagers", root)] + trail
    }

    /// A back office page for the signed-in agent, its template under `Templates/backoffice/`.
    package static func page<Content: Sendable>(
        _ template: String, title: String, signedIn: SignedInAgent, section: NavigationItem = .requestsBackOffice,
        trail: [Breadcrumb], scripts: [String] = [], content: Content
    ) -> Page<Content> {
        Page(
            "backoffice/\(template)", title: title, audience: .agent, section: section,
            breadcrumbs: breadcrumbs(trail), user: signedIn.banner, scripts: scripts, content: content)
    }
}

/// The back office's own menu, above each of its pages (`backoffice/menu`).
package struct BackOfficeMenu: Sendable {
    package let links: [Link]

    package struct Link: Sendable {
        package let label: String
        package let path: String
        package let current: Bool

        package init(label: String, path: String, current: Bool) {
            self.label = label
            self.path = path
            self.current = current
        }
    }

    package enum Item: CaseIterable {
        case board, search, households, payments, tracking, templates, notifications, management

        package var label: String {
            switch self {
            case .board: "Tableau de bord"
            case .search: "Rechercher une demande"
            case .households: "Comptes foyer"
            case .payments: "Paiements"
            case .tracking: "Suivi"
            case .templates: "Modèles de courrier"
            case .notifications: "Mes notifications"
            case .management: "Gestion"
            }
        }

        package var path: String {
            switch self {
            case .board: BackOffice.root
            case .search: "\(BackOffice.root)/recherche"
            case .households: "\(BackOffice.root)/foyers"
            case .payments: "\(BackOffice.root)/paiements"
            case .tracking: "\(BackOffice.root)/suivi"
            case .templates: "\(BackOffice.root)/modeles"
            case .notifications: "\(BackOffice.root)/notifications"
            case .management: "\(BackOffice.root)/gestion"
            }
        }
    }

    /// The menu with `current` marked (none on a page below one of its items).
    package init(_ current: Item?) {
        links = Item.allCases.map { Link(label: $0.label, path: $0.path, current: $0 == current) }
    }
}

/// A status as a coloured badge with its text (`backoffice/badge`): `tone` is the `badge--…` modifier.
package struct Badge: Sendable, Equatable {
    package let label: String
    package let tone: String

    package init(label: String, tone: String) {
        self.label = label
        self.tone = tone
    }

    package static func state(_ state: RequestState) -> Badge {
        let tone =
            switch state {
            case .pending, .complete: "info"
            case .inProgress, .rectified: "progress"
            case .uncomplete: "warning"
            case .validated, .notified: "success"
            case .rejected: "danger"
            case .closed, .cancelled, .archived: "neutral"
            }
        return Badge(label: state.label, tone: tone)
    }

    /// Quality of service: urgent orange, late red, on time neutral.
    package static func quality(_ level: QualityLevel) -> Badge {
        let tone =
            switch level {
            case .onTime: "neutral"
            case .urgent: "warning"
            case .late: "danger"
            }
        return Badge(label: level.label, tone: tone)
    }

    package static func data(_ state: RequestDataState) -> Badge {
        let tone =
            switch state {
            case .pending: "info"
            case .validated: "success"
            case .invalid: "danger"
            }
        return Badge(label: state.label, tone: tone)
    }

    package static func document(_ state: DocumentState) -> Badge {
        let tone =
            switch state {
            case .pending: "info"
            case .validated: "success"
            case .refused: "danger"
            case .outdated: "warning"
            }
        return Badge(label: state.label, tone: tone)
    }

    package static func household(_ state: Household.State) -> Badge {
        let tone =
            switch state {
            case .inProgress: "progress"
            case .valid: "success"
            case .invalid: "danger"
            case .archived: "neutral"
            }
        return Badge(label: state.label, tone: tone)
    }

    package static func household(_ status: Household.Status) -> Badge {
        Badge(label: status.label, tone: status == .active ? "success" : "danger")
    }

    package static func online(_ online: Bool) -> Badge {
        online ? Badge(label: "En ligne", tone: "success") : Badge(label: "Hors ligne", tone: "danger")
    }
}

/// An `<option>` of a select.
package struct SelectOption: Sendable {
    package let value: String
    package let label: String
    package let selected: Bool

    package init(value: String, label: String, selected: Bool) {
        self.value = value
        self.label = label
        self.selected = selected
    }

    /// The options of `pairs` (value, label), `selected` marked; `placeholder` adds a first empty option.
    package static func list(_ pairs: [(String, String)], selected: String?, placeholder: String? = nil)
        -> [SelectOption]
    {
        let empty = placeholder.map { [SelectOption(value: "", label: $0, selected: (selected ?? "").isEmpty)] }
        return (empty ?? []) + pairs.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == selected) }
    }
}

/// A form field with its label, hint and error (`backoffice/field`): an input, a textarea or a select.
package struct FormField: Sendable {
    package enum Control: Sendable {
        case input(type: String)
        case textarea(rows: Int)
        case select([SelectOption])
    }

    package let id: String
    package let name: String
    package let label: String
    package let value: String
    package let type: String
    package let step: String
    package let hasStep: Bool
    package let required: Bool
    package let hint: String
    package let hasHint: Bool
    package let error: String
    package let hasError: Bool
    /// The hint's and the error's ids, for `aria-describedby`.
    package let describedBy: String
    package let hasDescription: Bool
    package let isInput: Bool
    package let isTextarea: Bool
    package let rows: Int
    package let isSelect: Bool
    package let options: [SelectOption]

    package init(
        id: String, name: String, label: String, value: String = "", control: Control = .input(type: "text"),
        required: Bool = false, hint: String? = nil, error: String? = nil, step: String? = nil
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.value = value
        self.required = required
        self.hint = hint ?? ""
        hasHint = hint != nil
        self.error = error ?? ""
        hasError = error != nil
        self.step = step ?? ""
        hasStep = step != nil
        let described = [hint.map { _ in "\(id)-aide" }, error.map { _ in "\(id)-erreur" }].compactMap { $0 }
        describedBy = described.joined(separator: " ")
        hasDescription = !described.isEmpty
        switch control {
        case .input(let type):
            (self.type, isInput, isTextarea, rows, isSelect, options) = (type, true, false, 0, false, [])
        case .textarea(let rows):
            (type, isInput, isTextarea, self.rows, isSelect, options) = ("", false, true, rows, false, [])
        case .select(let options):
            (type, isInput, isTextarea, rows, isSelect, self.options) = ("", false, false, 0, true, options)
        }
    }
}

/// Why a form was refused, as its page shows it: the French message in the summary at the top (`#erreurs`)
/// and, when it names one of the form's fields, the reason beside that field.
package struct FormError: Sendable, Equatable {
    package let message: String
    /// The id of the field in error, linked from the summary; empty when the error names none.
    package let field: String
    package let hasField: Bool
    package let reason: String

    package init(_ message: String, field: String? = nil, reason: String? = nil) {
        self.message = message
        self.field = field ?? ""
        hasField = field != nil
        self.reason = reason ?? message
    }

    /// The reason to show beside the field `id`, if the error names it.
    package func on(_ id: String) -> String? { hasField && field == id ? reason : nil }

    /// A refusal a form shows (an invalid field, a refused transition, a conflict, with its status), or `nil`
    /// for the errors the error page answers (no right, not found). `fields` gives the id of the field
    /// each French label names; `conflictField` takes a conflict (a name already taken).
    package static func refusal(
        _ error: any Error, fields: [String: String] = [:], conflictField: String? = nil,
        keeping statuses: Set<HTTPResponse.Status> = [.badRequest, .conflict]
    ) -> (error: FormError, status: HTTPResponse.Status)? {
        if let error = error as? RequestError, statuses.contains(error.status) {
            return (FormError(error.description), error.status)
        }
        guard let error = error as? DomainError, statuses.contains(error.status) else { return nil }
        switch error {
        case .invalidField(let label, let reason):
            return (FormError(error.description, field: fields[label] ?? conflictField, reason: reason), error.status)
        case .conflict:
            return (FormError(error.description, field: conflictField), error.status)
        default:
            return (FormError(error.description), error.status)
        }
    }
}

/// A request in a list (`backoffice/requests-table`): its link, filing date, teleservice, people, state and
/// quality of service.
package struct RequestRow: Sendable {
    package let number: String
    package let path: String
    package let filedAt: String
    package let teleservice: String
    package let requester: String
    package let subject: String
    package let state: Badge
    package let quality: Badge
    package let hasQuality: Bool

    package init(_ summary: CitizenRequestService.Summary) {
        let request = summary.request
        number = request.number
        path = "\(BackOffice.root)/\(request.id ?? 0)"
        filedAt = ParisTime.format(request.createdAt)
        teleservice = summary.teleserviceName
        requester = request.requesterName
        subject = request.subjectName
        state = Badge.state(request.state)
        quality = summary.quality.map(Badge.quality) ?? Badge(label: "", tone: "neutral")
        hasQuality = summary.quality != nil
    }
}

/// A letter's text as paragraphs (`<p>` per line, `<br>` for a blank one).
package struct LetterLine: Sendable {
    package let text: String
    package let isBlank: Bool

    package init(text: String, isBlank: Bool) {
        self.text = text
        self.isBlank = isBlank
    }

    package static func lines(_ text: String) -> [LetterLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            LetterLine(text: String($0), isBlank: $0.isEmpty)
        }
    }
}

extension URLEncodedFormDecoder {
    /// A back office form decoded into `Form`; a form the browser could not have sent is refused (400) in
    /// French, not as a server error.
    package static func backOffice<Form: Decodable>(
        _ type: Form.Type, from request: Request, context: some RequestContext
    ) async throws -> Form {
        do {
            return try await URLEncodedFormDecoder().decode(Form.self, from: request, context: context)
        } catch is DecodingError {
            throw HTTPError(.badRequest, message: "Le formulaire envoyé est incomplet : rechargez la page.")
        } catch is URLEncodedFormError {
            throw HTTPError(.badRequest, message: "Le formulaire envoyé est illisible : rechargez la page.")
        }
    }

    /// A back office form decoded into `Form`, with the values typed (the CSRF token left out) to show the
    /// form again if it is refused.
    package static func backOfficeWithValues<Form: Decodable>(
        _ type: Form.Type, from request: Request, context: some RequestContext
    ) async throws -> (form: Form, values: [String: String]) {
        var request = request
        let text = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        let form: Form
        do {
            form = try URLEncodedFormDecoder().decode(Form.self, from: text)
        } catch {
            throw HTTPError(.badRequest, message: "Le formulaire envoyé est illisible : rechargez la page.")
        }
        var values: [String: String] = [:]
        for (name, value) in FormFields(text).pairs where name != "_csrf" && values[name] == nil {
            values[name] = value
        }
        return (form, values)
    }

    /// The query string of `request` decoded into `Query`, refused (400) in French if it cannot be.
    package static func backOfficeQuery<Query: Decodable>(_ type: Query.Type, from request: Request) throws -> Query {
        do {
            return try URLEncodedFormDecoder().decode(Query.self, from: request.uri.query ?? "")
        } catch {
            throw HTTPError(.badRequest, message: "L'adresse de la recherche est illisible : refaites la recherche.")
        }
    }
}

extension Optional where Wrapped == String {
    /// The text trimmed, `nil` when empty: an empty field of a search form is no criterion.
    package var criterion: String? {
        guard let text = self?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
