/// « Points » (seed 000 §3.1): the balance at D-1, the period's menu, the « Synthèse » (points acquired and
/// consumed, by use, old and new balances), the period's entries, the links to print and export, and the form
/// choosing how often the statement is mailed.
package struct PointsView: Sendable {
    package let entityName: String
    package let dayBefore: String
    package let dayBeforeBalance: String
    /// The balance at D-1 is below zero: the page warns.
    package let isNegative: Bool
    package let period: SelectInputModel
    package let periodLabel: String
    package let firstDay: String
    package let lastDay: String
    package let dayBeforePeriod: String
    package let opening: String
    package let credits: String
    package let debits: String
    package let closing: String
    package let uses: [UseRow]
    package let lines: [LineRow]
    package let hasLines: Bool
    package let csvPath: String
    package let pdfPath: String
    package let frequency: SelectInputModel
    package let frequencyLabel: String
    package let isMailed: Bool
    package let email: String
    package let csrfToken: String
    package let notice: String
    package let hasNotice: Bool
    package let tariffAdapted: String
    package let tariffFormalised: String

    package struct UseRow: Sendable {
        package let label: String
        package let points: String
    }

    package struct LineRow: Sendable {
        package let day: String
        package let label: String
        package let service: String
        package let debit: String
        package let credit: String
        package let balance: String
    }

    package init(
        statement: PointsStatement, months: Int, dayBefore: DayBeforeBalance, frequency: StatementFrequency,
        email: String, csrfToken: String, tariff: PointsTariff, notice: String?
    ) {
        entityName = statement.entityName
        self.dayBefore = dayBefore.day
        dayBeforeBalance = String(dayBefore.balance)
        isNegative = dayBefore.balance < 0
        period = SelectInputModel(
            id: "periode", name: "periode", label: "Période",
            options: PointsPeriod.monthChoices.map { (String($0), PointsPeriod.label(months: $0)) },
            selected: String(months))
        periodLabel = statement.period.label
        firstDay = statement.period.firstDay
        lastDay = statement.period.lastDay
        dayBeforePeriod = statement.period.dayBefore
        opening = String(statement.opening)
        credits = String(statement.credits)
        debits = String(statement.debits)
        closing = String(statement.closing)
        uses = PointsUse.allCases.map { UseRow(label: $0.label, points: String(statement.debitsByUse[$0] ?? 0)) }
        lines = statement.lines.map { line in
            LineRow(
                day: PointsCalendar.frenchDay(line.entry.recordedAt), label: line.entry.label,
                service: line.serviceName,
                debit: line.entry.kind == .debit ? String(line.entry.amount) : "",
                credit: line.entry.kind == .credit ? String(line.entry.amount) : "", balance: String(line.balanceAfter))
        }
        hasLines = !lines.isEmpty
        csvPath = "/espace-agent/points.csv?periode=\(months)"
        pdfPath = "/espace-agent/points.pdf?periode=\(months)"
        self.frequency = SelectInputModel(
            id: "frequence", name: "frequence", label: "Fréquence de l'envoi",
            options: StatementFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: frequency.rawValue)
        frequencyLabel = frequency.label
        isMailed = frequency != .none
        self.email = email
        self.csrfToken = csrfToken
        self.notice = notice ?? ""
        hasNotice = notice != nil
        tariffAdapted = String(tariff.adapted)
        tariffFormalised = String(tariff.formalised)
    }

    package static func page(_ view: PointsView, signedIn: SignedInAgent) -> Page<PointsView> {
        Page(
            "points/statement", title: "Points", audience: .agent, section: .agentSpace,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Points")],
            user: signedIn.banner, content: view)
    }
}

/// « Créditer des points »: every entity with its balance, and the form of a credit (platform administrator).
package struct PointsCreditView: Sendable {
    package let entities: [EntityRow]
    package let entity: SelectInputModel
    package let points: TextInputModel
    package let label: TextInputModel
    package let csrfToken: String
    package let hasError: Bool
    package let error: String
    package let notice: String
    package let hasNotice: Bool

    package struct EntityRow: Sendable {
        package let name: String
        package let balance: String
        package let isNegative: Bool
    }

    package struct Form: Decodable, Sendable {
        package var collectivite: String?
        package var points: String?
        package var libelle: String?

        package init(collectivite: String? = nil, points: String? = nil, libelle: String? = nil) {
            self.collectivite = collectivite
            self.points = points
            self.libelle = libelle
        }
    }

    package init(
        balances: [(entity: Organisation, balance: Int64)], form: Form, csrfToken: String, refusal: FormRefusal?,
        notice: String?
    ) {
        entities = balances.map {
            EntityRow(name: $0.entity.name, balance: String($0.balance), isNegative: $0.balance < 0)
        }
        entity = SelectInputModel(
            id: "collectivite", name: "collectivite", label: "Collectivité",
            options: [("", "Choisissez une collectivité")]
                + balances.map { (String($0.entity.id ?? 0), $0.entity.name) },
            selected: form.collectivite, required: true, error: refusal?.error(for: ["collectivite"]))
        points = TextInputModel(
            id: "points", name: "points", label: "Points à créditer", value: form.points ?? "", required: true,
            hint: "Un nombre entier, de 1 à \(PointsService.maximumCreditLabel).",
            error: refusal?.error(for: ["points"]),
            inputMode: "numeric")
        label = TextInputModel(
            id: "libelle", name: "libelle", label: "Libellé", value: form.libelle ?? "", required: true,
            hint: "Il figure sur le relevé de la collectivité, par exemple « Achat de 100 points, facture 2026-12 ».",
            error: refusal?.error(for: ["libelle"]), maxLength: 200)
        self.csrfToken = csrfToken
        hasError = refusal != nil
        error = refusal?.message ?? ""
        self.notice = notice ?? ""
        hasNotice = notice != nil
    }

    package static func page(_ view: PointsCreditView, signedIn: SignedInAgent) -> Page<PointsCreditView> {
        Page(
            "points/credit", title: "Créditer des points", audience: .agent, section: .agentSpace,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Créditer des points")],
            user: signedIn.banner, content: view)
    }
}
