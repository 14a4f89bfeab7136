import CorePlatformAPI
import Foundation
import PlatformKernel

/// "Inscription d'une entreprise": the company and its first user; a refused form comes back with what was
/// typed (but the password) and the reason beside the field it names.
package struct CompanyRegistrationView: Sendable {
    package let hasRefusal: Bool
    package let refusal: String
    package let refusalAnchor: String
    package let companyFields: [TextInputModel]
    package let civility: SelectInputModel
    package let userFields: [TextInputModel]

    package init(
        hasRefusal: Bool, refusal: String, refusalAnchor: String, companyFields: [TextInputModel],
        civility: SelectInputModel, userFields: [TextInputModel]
    ) {
        self.hasRefusal = hasRefusal
        self.refusal = refusal
        self.refusalAnchor = refusalAnchor
        self.companyFields = companyFields
        self.civility = civility
        self.userFields = userFields
    }

    /// The form's fields by the name `DomainError.invalidField` gives them.
    private static let fields: [String: String] = [
        "raison sociale": "name", "siret": "siret", "civilité": "civility", "nom": "lastName", "prénom": "firstName",
        "e-mail": "email", "identifiant": "login", "mot de passe": "password",
    ]

    package static func page(form: CompanyPagesController.RegistrationForm = .init(), refusal: FormRefusal? = nil)
        -> Page<CompanyRegistrationView>
    {
        func error(_ field: String) -> String? {
            refusal?.error(for: Set(fields.filter { $0.value == field }.keys))
        }
        let content = CompanyRegistrationView(
            hasRefusal: refusal != nil, refusal: refusal?.message ?? "",
            refusalAnchor: refusal?.field.flatMap { fields[$0] } ?? "name",
            companyFields: [
                TextInputModel(
                    id: "name", name: "name", label: "Raison sociale", value: form.name, required: true,
                    hint: "Telle qu'inscrite au répertoire SIRENE. 255 caractères au plus.", error: error("name"),
                    maxLength: 255, autocomplete: "organization"),
                TextInputModel(
                    id: "siret", name: "siret", label: "SIRET", value: form.siret, required: true,
                    hint: "14 chiffres : le SIREN puis le NIC de l'établissement (les espaces sont acceptés).",
                    error: error("siret"), autocomplete: "off", inputMode: "numeric"),
                TextInputModel(
                    id: "address", name: "address", label: "Adresse", value: form.address ?? "",
                    hint: "Facultative.", autocomplete: "street-address"),
            ],
            civility: SelectInputModel(
                id: "civility", name: "civility", label: "Civilité",
                options: Civility.allCases.map { ($0.rawValue, $0.rawValue) }, selected: form.civility,
                required: true, error: error("civility")),
            userFields: [
                TextInputModel(
                    id: "lastName", name: "lastName", label: "Nom", value: form.lastName, required: true,
                    error: error("lastName"), autocomplete: "family-name"),
                TextInputModel(
                    id: "firstName", name: "firstName", label: "Prénom", value: form.firstName, required: true,
                    error: error("firstName"), autocomplete: "given-name"),
                TextInputModel(
                    id: "email", name: "email", label: "E-mail", type: "email", value: form.email, required: true,
                    hint: "Unique : un seul compte par adresse.", error: error("email"),
                    autocomplete: "email"),
                TextInputModel(
                    id: "login", name: "login", label: "Identifiant", value: form.login, required: true,
                    hint: "De 3 à 64 caractères : lettres sans accent, chiffres, point, tiret, tiret bas ou @.",
                    error: error("login"), autocomplete: "username"),
                TextInputModel(
                    id: "password", name: "password", label: "Mot de passe", type: "password", required: true,
                    hint: "De \(PasswordPolicy.lengths.lowerBound) à \(PasswordPolicy.lengths.upperBound) "
                        + "caractères.",
                    error: error("password"), autocomplete: "new-password"),
            ])
        return Page(
            "companies/registration", title: "Inscription d'une entreprise", audience: .company,
            section: .companySpace,
            breadcrumbs: [
                Breadcrumb("Accueil", "/"), Breadcrumb("Espace entreprise", "/entreprise"),
                Breadcrumb("Inscription d'une entreprise"),
            ], content: content)
    }
}

/// "Espace entreprise": the signed-in company, its users, and its deposits with their state and receipt.
package struct CompanySpaceView: Sendable {
    package let companyName: String
    package let siret: String
    package let address: String
    package let hasAddress: Bool
    package let bidders: [BidderRow]
    package let deposits: [DepositRow]
    package let hasDeposits: Bool
    /// Some deposit was replaced by a later one: the table explains it.
    package let hasSuperseded: Bool
    /// The platform's failures during the company's deposits (``DepositIncident``).
    package let incidents: [IncidentRow]
    package let hasIncidents: Bool

    package init(
        companyName: String, siret: String, address: String, hasAddress: Bool, bidders: [BidderRow],
        deposits: [DepositRow], hasDeposits: Bool, hasSuperseded: Bool, incidents: [IncidentRow] = []
    ) {
        self.companyName = companyName
        self.siret = siret
        self.address = address
        self.hasAddress = hasAddress
        self.bidders = bidders
        self.deposits = deposits
        self.hasDeposits = hasDeposits
        self.hasSuperseded = hasSuperseded
        self.incidents = incidents
        self.hasIncidents = !incidents.isEmpty
    }

    /// One ``DepositIncident`` as the company space lists it.
    package struct IncidentRow: Sendable {
        package let deposit: String
        package let time: String
        package let node: String
        package let action: String
        package let error: String

        package init(_ incident: DepositIncident) {
            deposit = "\(incident.depositID)"
            time = ParisTime.format(incident.recordedAt)
            node = incident.node
            action = incident.action
            error = incident.error
        }
    }

    package struct BidderRow: Sendable {
        package let fullName: String
        package let login: String
        package let email: String
        package let isYou: Bool

        package init(fullName: String, login: String, email: String, isYou: Bool) {
            self.fullName = fullName
            self.login = login
            self.email = email
            self.isYou = isYou
        }
    }

    package struct DepositRow: Sendable {
        package let number: String
        package let reference: String
        package let title: String
        package let isOnline: Bool
        package let consultationLink: String
        package let stateLabel: String
        package let badgeClass: String
        package let startedAt: String
        package let receivedAt: String
        package let hasReceipt: Bool
        package let receiptLink: String

        package init(
            number: String, reference: String, title: String, isOnline: Bool, consultationLink: String,
            stateLabel: String, badgeClass: String, startedAt: String, receivedAt: String, hasReceipt: Bool,
            receiptLink: String
        ) {
            self.number = number
            self.reference = reference
            self.title = title
            self.isOnline = isOnline
            self.consultationLink = consultationLink
            self.stateLabel = stateLabel
            self.badgeClass = badgeClass
            self.startedAt = startedAt
            self.receivedAt = receivedAt
            self.hasReceipt = hasReceipt
            self.receiptLink = receiptLink
        }
    }

    /// A deposit of the company with its consultation.
    package struct Line: Sendable {
        package let deposit: Deposit
        package let consultation: Consultation

        package init(deposit: Deposit, consultation: Consultation) {
            self.deposit = deposit
            self.consultation = consultation
        }
    }

    package static func page(
        signedIn: SignedInBidder, bidders: [Bidder], deposits: [Line], incidents: [DepositIncident] = [],
        now: Int64 = Timestamp.now()
    )
        -> Page<CompanySpaceView>
    {
        let company = signedIn.company
        let rows = deposits.sorted { $0.deposit.startedAt > $1.deposit.startedAt }.map { line in
            let deposit = line.deposit
            let reference = line.consultation.reference.value
            let badge =
                switch deposit.state {
                case .uploading: "badge--progress"
                case .complete: "badge--success"
                case .superseded: "badge--neutral"
                }
            return DepositRow(
                number: "\(deposit.id ?? 0)", reference: reference, title: line.consultation.title,
                isOnline: line.consultation.isOnline(at: now),
                consultationLink: "/consultations-publiques/\(percentEncode(reference))",
                stateLabel: deposit.state.label, badgeClass: badge, startedAt: ParisTime.format(deposit.startedAt),
                receivedAt: deposit.completedAt.map(FrenchTime.text) ?? "—",
                hasReceipt: deposit.completedAt != nil,
                receiptLink: "/entreprise/depots/\(deposit.id ?? 0)/accuse-de-reception")
        }
        let content = CompanySpaceView(
            companyName: company.name, siret: Self.spaced(company.siret.value), address: company.address,
            hasAddress: !company.address.isEmpty,
            bidders: bidders.map { bidder in
                BidderRow(
                    fullName: "\(bidder.civility.rawValue) \(bidder.firstName) \(bidder.lastName)",
                    login: bidder.login, email: bidder.email, isYou: bidder.id == signedIn.bidder.id)
            },
            deposits: rows, hasDeposits: !rows.isEmpty,
            hasSuperseded: deposits.contains { $0.deposit.state == .superseded },
            incidents: incidents.map(IncidentRow.init))
        return Page(
            "companies/space", title: "Espace entreprise", audience: .company, section: .companySpace,
            breadcrumbs: [Breadcrumb("Accueil", "/"), Breadcrumb("Espace entreprise")], user: signedIn.banner,
            content: content)
    }

    /// `732 829 320 00074`: the SIREN by threes, then the NIC.
    package static func spaced(_ siret: String) -> String {
        let digits = Array(siret)
        guard digits.count == 14 else { return siret }
        return [0..<3, 3..<6, 6..<9, 9..<14].map { String(digits[$0]) }.joined(separator: " ")
    }
}

/// "Accusé de réception de dépôt électronique": the receipt of a complete deposit as the platform signed and
/// time-stamped it, to read and print.
package struct DepositReceiptView: Sendable {
    package let document: String
    package let number: String
    package let reference: String
    package let title: String
    package let companyName: String
    package let siret: String
    package let bidder: String
    package let receivedAt: String
    package let files: [FileRow]
    package let hasSupersedes: Bool
    package let supersedes: String
    package let timestamped: Bool
    /// Where the platform's journal records the deposit (receipts made before journal positions have none).
    package let hasJournal: Bool
    package let journalEntry: String
    package let journalHead: String
    package let jsonLink: String

    package init(
        document: String, number: String, reference: String, title: String, companyName: String, siret: String,
        bidder: String, receivedAt: String, files: [FileRow], hasSupersedes: Bool, supersedes: String,
        timestamped: Bool, hasJournal: Bool, journalEntry: String, journalHead: String, jsonLink: String
    ) {
        self.document = document
        self.number = number
        self.reference = reference
        self.title = title
        self.companyName = companyName
        self.siret = siret
        self.bidder = bidder
        self.receivedAt = receivedAt
        self.files = files
        self.hasSupersedes = hasSupersedes
        self.supersedes = supersedes
        self.timestamped = timestamped
        self.hasJournal = hasJournal
        self.journalEntry = journalEntry
        self.journalHead = journalHead
        self.jsonLink = jsonLink
    }

    package struct FileRow: Sendable {
        package let envelope: String
        package let name: String
        package let size: String
        package let sha256: String

        package init(envelope: String, name: String, size: String, sha256: String) {
            self.envelope = envelope
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    package static func page(_ receipt: PlatformAPI.DepositReceipt, timestamped: Bool, signedIn: SignedInBidder)
        -> Page<DepositReceiptView>
    {
        let content = DepositReceiptView(
            document: receipt.document, number: "\(receipt.depositId)", reference: receipt.consultationReference,
            title: receipt.consultationTitle, companyName: receipt.companyName,
            siret: CompanySpaceView.spaced(receipt.siret), bidder: receipt.bidder,
            receivedAt: receipt.receivedAtText,
            files: receipt.files.map { file in
                FileRow(
                    envelope: ConsultationEnvelope(rawValue: file.envelope)?.label ?? file.envelope, name: file.name,
                    size: Self.size(file.size), sha256: Self.grouped(file.sha256))
            },
            hasSupersedes: !receipt.supersedes.isEmpty,
            supersedes: receipt.supersedes.map { "n° \($0)" }.joined(separator: ", "), timestamped: timestamped,
            hasJournal: receipt.journal != nil, journalEntry: receipt.journal.map { "\($0.sequence)" } ?? "",
            journalHead: receipt.journal.map { Self.grouped($0.head) } ?? "",
            jsonLink: "/api/deposits/\(receipt.depositId)/receipt")
        return Page(
            "companies/receipt", title: "Accusé de réception n° \(receipt.depositId)", audience: .company,
            section: .companySpace,
            breadcrumbs: [
                Breadcrumb("Accueil", "/"), Breadcrumb("Espace entreprise", "/entreprise"),
                Breadcrumb("Accusé de réception n° \(receipt.depositId)"),
            ], user: signedIn.banner, content: content)
    }

    /// The hash by blocks of eight digits, to read, compare and print (a line may break between blocks).
    package static func grouped(_ hash: String) -> String {
        stride(from: 0, to: hash.count, by: 8).map { start in
            let from = hash.index(hash.startIndex, offsetBy: start)
            return String(hash[from..<(hash.index(from, offsetBy: 8, limitedBy: hash.endIndex) ?? hash.endIndex)])
        }.joined(separator: " ")
    }

    /// `512 octets`, `3,0 Mo`: sizes as French readers write them.
    package static func size(_ bytes: Int64) -> String {
        func decimal(_ value: Double) -> String {
            String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
        }
        if bytes < 1024 { return "\(bytes) octets" }
        if bytes < 1024 * 1024 { return decimal(Double(bytes) / 1024) + " Ko" }
        return decimal(Double(bytes) / (1024 * 1024)) + " Mo"
    }
}
