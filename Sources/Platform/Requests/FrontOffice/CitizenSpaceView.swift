import PlatformKernel

/// « Mon espace » (`/citoyen`): the household's requests with their state, the drafts, the latest letters and
/// messages of the service, and the household (account, members, « Ajouter un membre »).
package struct CitizenSpaceView: Sendable {
    package let greeting: String
    package let alert: FormAlert?
    package let notice: String?
    package let csrfToken: String
    package let requests: [RequestRow]
    package let hasRequests: Bool
    package let drafts: [DraftRow]
    package let hasDrafts: Bool
    package let draftDays: String
    package let exchanges: [ExchangeRow]
    package let hasExchanges: Bool
    package let householdNumber: String
    package let address: String
    package let email: String
    package let accountStateLabel: String
    package let accountStateBadge: String
    package let accountStateHelp: String
    package let hasAccountStateHelp: Bool
    package let members: [MemberRow]
    package let newMember: [InputField]

    package init(
        greeting: String, alert: FormAlert?, notice: String?, csrfToken: String, requests: [RequestRow],
        hasRequests: Bool, drafts: [DraftRow], hasDrafts: Bool, draftDays: String, exchanges: [ExchangeRow],
        hasExchanges: Bool, householdNumber: String, address: String, email: String, accountStateLabel: String,
        accountStateBadge: String, accountStateHelp: String, hasAccountStateHelp: Bool, members: [MemberRow],
        newMember: [InputField]
    ) {
        self.greeting = greeting
        self.alert = alert
        self.notice = notice
        self.csrfToken = csrfToken
        self.requests = requests
        self.hasRequests = hasRequests
        self.drafts = drafts
        self.hasDrafts = hasDrafts
        self.draftDays = draftDays
        self.exchanges = exchanges
        self.hasExchanges = hasExchanges
        self.householdNumber = householdNumber
        self.address = address
        self.email = email
        self.accountStateLabel = accountStateLabel
        self.accountStateBadge = accountStateBadge
        self.accountStateHelp = accountStateHelp
        self.hasAccountStateHelp = hasAccountStateHelp
        self.members = members
        self.newMember = newMember
    }

    package struct RequestRow: Sendable {
        package let number: String
        package let path: String
        package let teleservice: String
        package let subject: String
        package let filedAt: String
        package let stateLabel: String
        package let stateBadge: String

        package init(
            number: String, path: String, teleservice: String, subject: String, filedAt: String, stateLabel: String,
            stateBadge: String
        ) {
            self.number = number
            self.path = path
            self.teleservice = teleservice
            self.subject = subject
            self.filedAt = filedAt
            self.stateLabel = stateLabel
            self.stateBadge = stateBadge
        }
    }

    package struct DraftRow: Sendable {
        package let teleservice: String
        package let resumePath: String
        package let savedAt: String
        package let keptUntil: String
        package let deletePath: String

        package init(
            teleservice: String, resumePath: String, savedAt: String, keptUntil: String, deletePath: String
        ) {
            self.teleservice = teleservice
            self.resumePath = resumePath
            self.savedAt = savedAt
            self.keptUntil = keptUntil
            self.deletePath = deletePath
        }
    }

    package struct ExchangeRow: Sendable {
        package let date: String
        package let number: String
        package let path: String
        package let teleservice: String
        package let excerpt: String

        package init(date: String, number: String, path: String, teleservice: String, excerpt: String) {
            self.date = date
            self.number = number
            self.path = path
            self.teleservice = teleservice
            self.excerpt = excerpt
        }
    }

    package struct MemberRow: Sendable {
        package let civility: String
        package let lastName: String
        package let firstName: String
        package let birthDate: String
        package let role: String
        package let editPath: String
        package let fullName: String

        package init(
            civility: String, lastName: String, firstName: String, birthDate: String, role: String, editPath: String,
            fullName: String
        ) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.birthDate = birthDate
            self.role = role
            self.editPath = editPath
            self.fullName = fullName
        }
    }

    /// What the space shows, read by the controller.
    package struct Contents: Sendable {
        package var household: Household
        package var requests: [CitizenRequest]
        package var drafts: [RequestDraft]
        /// The latest public notes of the service (letters sent by e-mail among them), newest first.
        package var exchanges: [(request: CitizenRequest, note: RequestNote)]
        package var teleserviceNames: [Int64: String]
        package var draftLifetime: Int64

        package init(
            household: Household, requests: [CitizenRequest], drafts: [RequestDraft],
            exchanges: [(request: CitizenRequest, note: RequestNote)], teleserviceNames: [Int64: String],
            draftLifetime: Int64
        ) {
            self.household = household
            self.requests = requests
            self.drafts = drafts
            self.exchanges = exchanges
            self.teleserviceNames = teleserviceNames
            self.draftLifetime = draftLifetime
        }
    }

    package static func page(
        _ citizen: SignedInCitizen, _ contents: Contents, newMember: CitizenMemberView.Form = .init(),
        refusal: RefusedForm? = nil, notice: String? = nil
    ) -> Page<CitizenSpaceView> {
        let household = contents.household
        let names = contents.teleserviceNames
        let memberFields = CitizenMemberView.fields(newMember, withRole: true, refusal: refusal)
        let view = CitizenSpaceView(
            greeting: "Bonjour \(household.responsible?.fullName ?? household.email)",
            alert: InputField.alert(refusal, among: memberFields), notice: notice, csrfToken: citizen.csrfToken,
            requests: contents.requests.map {
                RequestRow(
                    number: $0.number, path: "/citoyen/demandes/\($0.id ?? 0)",
                    teleservice: names[$0.teleserviceID] ?? "", subject: $0.subjectName,
                    filedAt: CitizenTime.day($0.createdAt), stateLabel: $0.state.label,
                    stateBadge: CitizenBadge.request($0.state))
            },
            hasRequests: !contents.requests.isEmpty,
            drafts: contents.drafts.map {
                DraftRow(
                    teleservice: names[$0.teleserviceID] ?? "",
                    resumePath: "/demarches/\($0.teleserviceID)?brouillon=\($0.id ?? 0)",
                    savedAt: CitizenTime.text($0.updatedAt), keptUntil: CitizenTime.day($0.expiresAt),
                    deletePath: "/citoyen/brouillons/\($0.id ?? 0)/supprimer")
            },
            hasDrafts: !contents.drafts.isEmpty, draftDays: String(contents.draftLifetime / 86_400),
            exchanges: contents.exchanges.map { request, note in
                ExchangeRow(
                    date: CitizenTime.day(note.createdAt), number: request.number,
                    path: "/citoyen/demandes/\(request.id ?? 0)#echanges",
                    teleservice: names[request.teleserviceID] ?? "", excerpt: excerpt(note.text))
            },
            hasExchanges: !contents.exchanges.isEmpty, householdNumber: String(household.id ?? 0),
            address: household.address, email: household.email, accountStateLabel: household.state.label,
            accountStateBadge: CitizenBadge.household(household.state),
            accountStateHelp: household.state == .inProgress
                ? "La mairie vérifie votre compte ; vous pouvez déjà faire vos démarches." : "",
            hasAccountStateHelp: household.state == .inProgress,
            members: household.members.map {
                MemberRow(
                    civility: $0.civility.rawValue, lastName: $0.lastName, firstName: $0.firstName,
                    birthDate: $0.birthDate?.french ?? "", role: role($0.role),
                    editPath: "/citoyen/membres/\($0.id ?? 0)", fullName: $0.fullName)
            },
            newMember: memberFields)
        return Page(
            "frontoffice/space", title: "Mon espace citoyen", audience: .citizen, section: .citizenSpace,
            user: citizen.banner, content: view)
    }

    private static func role(_ role: HouseholdMember.Role) -> String {
        switch role {
        case .responsible: "Responsable du foyer"
        case .adult: "Adulte"
        case .child: "Enfant"
        }
    }

    /// The first line of a message past its salutation ("Madame, Monsieur,"), cut after 160 characters.
    private static func excerpt(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let line = lines.first { !$0.hasSuffix(",") } ?? lines.first ?? ""
        return line.count > 160 ? String(line.prefix(160)) + "…" : line
    }
}
