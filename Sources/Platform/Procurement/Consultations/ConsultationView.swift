import PlatformKernel

/// A consultation's page: its reference and title, its step in the lifecycle, the actions the agent's rights
/// allow now, then its data in tabs (Identification, Calendrier, Modalités, Accès, DCE, Plis, Décisions,
/// Historique), each tab shown only when it has something to show.
package struct ConsultationView: Sendable {
    package let reference: String
    package let title: String
    package let state: String
    package let stateTone: String
    package let steps: [Step]
    package let csrfToken: String
    package let hasError: Bool
    package let error: String
    /// The field a refused form's error is shown beside, linked from the summary at the top; empty for none.
    package var errorFieldID = ""
    package var hasErrorField = false
    package let actions: Actions
    package var tabs: [Tab]
    package let identification: [Row]
    package let allotted: Bool
    package let lots: [String]
    package let hasPrevious: Bool
    package let previousPath: String
    package let calendar: [Row]
    package let modalities: [Row]
    package let access: [Row]
    package let hasInvitations: Bool
    package let invitations: [String]
    package let hasDCE: Bool
    package let dce: [Row]
    package let hasPlis: Bool
    /// The "Plis" tab, once for agents who may open the plis now, else empty.
    package let plisTab: [PlisView]
    /// The « Messagerie » tab (``ConsultationView/addMessaging(_:)``), once for agents who read the registers.
    package var messaging: [ConsultationMessagesTab] = []
    package let showsDecisions: Bool
    package let hasDecisions: Bool
    package let decisions: [String]
    /// A decision « Attribution » is in force: the « Décisions » tab links to the consultation's contracts.
    package var hasAward = false
    package var contractsPath = ""
    package let history: [HistoryRow]
    /// The « DCE » and « Questions » tabs (`Documents/`, `Questions/`), once each when shown.
    package var documentsTab: [DocumentsTabView] = []
    package var questionsTab: [QuestionsTabView] = []

    package init(
        reference: String, title: String, state: String, stateTone: String, steps: [Step], csrfToken: String,
        hasError: Bool, error: String, actions: Actions, tabs: [Tab], identification: [Row], allotted: Bool,
        lots: [String], hasPrevious: Bool, previousPath: String, calendar: [Row], modalities: [Row], access: [Row],
        hasInvitations: Bool, invitations: [String], hasDCE: Bool, dce: [Row], hasPlis: Bool, plisTab: [PlisView],
        showsDecisions: Bool, hasDecisions: Bool, decisions: [String], history: [HistoryRow]
    ) {
        self.reference = reference
        self.title = title
        self.state = state
        self.stateTone = stateTone
        self.steps = steps
        self.csrfToken = csrfToken
        self.hasError = hasError
        self.error = error
        self.actions = actions
        self.tabs = tabs
        self.identification = identification
        self.allotted = allotted
        self.lots = lots
        self.hasPrevious = hasPrevious
        self.previousPath = previousPath
        self.calendar = calendar
        self.modalities = modalities
        self.access = access
        self.hasInvitations = hasInvitations
        self.invitations = invitations
        self.hasDCE = hasDCE
        self.dce = dce
        self.hasPlis = hasPlis
        self.plisTab = plisTab
        self.showsDecisions = showsDecisions
        self.hasDecisions = hasDecisions
        self.decisions = decisions
        self.history = history
    }

    package struct Step: Sendable {
        package let label: String
        package let done: Bool
        package let current: Bool

        package init(label: String, done: Bool, current: Bool) {
            self.label = label
            self.done = done
            self.current = current
        }
    }

    package struct Tab: Sendable {
        package let panel: String
        package let label: String

        package init(panel: String, label: String) {
            self.panel = panel
            self.label = label
        }
    }

    package struct Row: Sendable {
        package let label: String
        package let value: String
        package let code: Bool

        package init(label: String, value: String, code: Bool) {
            self.label = label
            self.value = value
            self.code = code
        }
    }

    package struct HistoryRow: Sendable {
        package let date: String
        package let step: String
        package let agent: String
        package let comment: String

        package init(date: String, step: String, agent: String, comment: String) {
            self.date = date
            self.step = step
            self.agent = agent
            self.comment = comment
        }
    }

    /// What the agent may do now, each a form of its own.
    package struct Actions: Sendable {
        package let hasAny: Bool
        package let canEdit: Bool
        package let editPath: String
        package let hasForms: Bool
        package let transitions: [Transition]
        package let canDecide: Bool
        package let decidePath: String
        package let decisionLots: [DecisionLot]
        package let canReset: Bool
        package let resetPath: String
        package let hasResetLots: Bool
        package let resetLots: [String]
        package let canCreateSuite: Bool
        package let suitePath: String
        package let suiteReference: String
        package let suiteHasError: Bool
        package let suiteError: String
        package let hasOpeningNotice: Bool
        package let openingDate: String

        package init(
            hasAny: Bool, canEdit: Bool, editPath: String, hasForms: Bool, transitions: [Transition], canDecide: Bool,
            decidePath: String, decisionLots: [DecisionLot], canReset: Bool, resetPath: String, hasResetLots: Bool,
            resetLots: [String], canCreateSuite: Bool, suitePath: String, suiteReference: String, suiteHasError: Bool,
            suiteError: String, hasOpeningNotice: Bool, openingDate: String
        ) {
            self.hasAny = hasAny
            self.canEdit = canEdit
            self.editPath = editPath
            self.hasForms = hasForms
            self.transitions = transitions
            self.canDecide = canDecide
            self.decidePath = decidePath
            self.decisionLots = decisionLots
            self.canReset = canReset
            self.resetPath = resetPath
            self.hasResetLots = hasResetLots
            self.resetLots = resetLots
            self.canCreateSuite = canCreateSuite
            self.suitePath = suitePath
            self.suiteReference = suiteReference
            self.suiteHasError = suiteHasError
            self.suiteError = suiteError
            self.hasOpeningNotice = hasOpeningNotice
            self.openingDate = openingDate
        }
    }

    /// "Demander la validation", "Valider", "Renvoyer en élaboration", "Passer à l'ouverture et l'analyse".
    package struct Transition: Sendable {
        package let path: String
        package let slug: String
        package let action: String
        package let heading: String
        package let commentLabel: String
        package let button: String
        package let secondary: Bool
        package let hint: String

        package init(
            path: String, slug: String, action: String, heading: String, commentLabel: String, button: String,
            secondary: Bool, hint: String
        ) {
            self.path = path
            self.slug = slug
            self.action = action
            self.heading = heading
            self.commentLabel = commentLabel
            self.button = button
            self.secondary = secondary
            self.hint = hint
        }
    }

    /// One decision to take: the whole consultation (`kind`, `comment`) or lot N (`kindN`, `commentN`).
    package struct DecisionLot: Sendable {
        package let allotted: Bool
        package let legend: String
        package let kindName: String
        package let commentName: String
        package let kinds: [Kind]

        package init(allotted: Bool, legend: String, kindName: String, commentName: String, kinds: [Kind]) {
            self.allotted = allotted
            self.legend = legend
            self.kindName = kindName
            self.commentName = commentName
            self.kinds = kinds
        }
    }

    package struct Kind: Sendable {
        package let value: String
        package let label: String

        package init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }
}

extension ConsultationView {
    /// The page of `file`; `error` is the refusal of the action just tried (`typedSuiteReference` the
    /// reference typed for "Créer une suite", kept when that was refused).
    package static func page(
        signedIn: SignedInAgent, file: ConsultationFile, plis: PlisView?, error: DomainError?,
        typedSuiteReference: String = ""
    ) -> Page<ConsultationView> {
        let title = "Consultation \(file.consultation.reference.value)"
        return Page(
            "consultations/show", title: title, audience: .agent, section: .consultations,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb(title),
            ],
            user: signedIn.banner, scripts: plis == nil ? [] : ["/static/ouverture.js"],
            content: ConsultationView(
                file: file, plis: plis, csrfToken: signedIn.csrfToken, error: error,
                typedSuiteReference: typedSuiteReference))
    }

    package init(
        file: ConsultationFile, plis: PlisView?, csrfToken: String, error: DomainError?, typedSuiteReference: String
    ) {
        let consultation = file.consultation
        let id = consultation.id ?? 0
        func name(_ agentID: Int64) -> String { file.agentNames[agentID] ?? "agent \(agentID)" }
        reference = consultation.reference.value
        title = consultation.title
        state = consultation.state.label
        stateTone = consultation.state.tone
        let current = ConsultationState.allCases.firstIndex(of: consultation.state) ?? 0
        steps = ConsultationState.allCases.enumerated().map { index, step in
            Step(label: step.label, done: index < current, current: index == current)
        }
        self.csrfToken = csrfToken
        hasError = error != nil
        self.error = error?.description ?? ""
        var suiteError: String?
        if case .invalidField(field: "référence", let reason) = error, file.actions.contains(.suite) {
            suiteError = reason
        }
        actions = Actions(file: file, id: id, suiteReference: typedSuiteReference, suiteError: suiteError)

        var identification = [
            Row("Référence", consultation.reference.value),
            Row("Intitulé", consultation.title),
            Row("Objet", consultation.object),
            Row("Service de rattachement", file.serviceName),
            Row("Type de contrat", consultation.contractType.label),
            Row("Type de procédure", consultation.procedureType.label),
            Row("Catégorie principale", consultation.category.label),
        ]
        if let cpv = consultation.cpv { identification.append(Row("Code CPV", cpv.description)) }
        identification += [
            Row("Lieu d'exécution", consultation.placeOfExecution),
            Row(
                "Mode de création",
                consultation.creationMode == .simplified ? "Consultation simplifiée" : "Consultation standard"),
            Row("Créée par", name(consultation.createdBy)),
        ]
        if !consultation.internalComment.isEmpty {
            identification.append(Row("Commentaire interne", consultation.internalComment))
        }
        identification.append(
            Row(
                "Allotissement",
                consultation.lots.isEmpty
                    ? "Consultation non allotie" : "Consultation à \(consultation.lots.count) lots"))
        self.identification = identification
        allotted = !consultation.lots.isEmpty
        lots = consultation.lots.map { "Lot \($0.number) : \($0.title)" }
        hasPrevious = consultation.previousConsultationID != nil
        previousPath = consultation.previousConsultationID.map { "/consultations/\($0)" } ?? ""

        calendar = [
            Row("Date limite de remise des plis", ParisTime.format(consultation.deadline)),
            Row("Date de mise en ligne", ParisTime.format(consultation.onlineFrom)),
        ]
        let modalities = consultation.modalities
        self.modalities = [
            Row("Réponse électronique", modalities.electronicResponse.label),
            Row(
                "Affichage après la date limite",
                modalities.displayedAfterDeadline
                    ? "Poursuivi pour les entreprises" : "Jusqu'à la date limite de remise des plis"),
            Row("Signature électronique", modalities.signature.label),
            Row("Mode d'ouverture", modalities.openingMode.label),
            Row(
                "Chiffrement de la réponse",
                modalities.encryption ? "Avec clé cryptographique" : "Sans chiffrement"),
            Row("Enveloppes", modalities.envelopes.sorted().map(\.label).joined(separator: ", ")),
        ]
        access = [
            Row(
                "Accès des entreprises",
                consultation.accessCode.map { _ in "Accès restreint, par code d'accès" } ?? "Accès public"),
            Row("Code d'accès", consultation.accessCode ?? "", code: true),
        ].filter { !$0.value.isEmpty }
        invitations = consultation.invitations.map {
            name($0.agentID) + ($0.permanent ? " (invité permanent)" : "")
        }
        hasInvitations = !invitations.isEmpty
        hasDCE = consultation.dceSHA256 != nil
        dce =
            consultation.dceSHA256.map {
                [
                    Row("Dossier de consultation", "Déposé, proposé aux entreprises"),
                    Row("Empreinte SHA-256", $0, code: true),
                ]
            } ?? []
        hasPlis = plis != nil
        plisTab = plis.map { [$0] } ?? []
        decisions = file.decisions.map { decision in
            let lot = decision.lotNumber.map { "Lot \($0) : " } ?? ""
            return lot + decision.kind.label + (decision.comment.isEmpty ? "" : " — \(decision.comment)")
        }
        hasDecisions = !decisions.isEmpty
        hasAward = file.decisions.contains { $0.kind == .award }
        contractsPath = "/consultations/\(id)/contrats"
        showsDecisions =
            hasDecisions || consultation.state == .openingAndAnalysis || consultation.state == .decision
        history = file.history.map { change in
            HistoryRow(
                date: ParisTime.format(change.at),
                step: change.from.map { "\($0.label) → \(change.to.label)" } ?? "Création : \(change.to.label)",
                agent: name(change.agentID), comment: change.comment)
        }

        var tabs = [
            Tab(panel: "identification", label: "Identification"), Tab(panel: "calendrier", label: "Calendrier"),
            Tab(panel: "modalites", label: "Modalités"), Tab(panel: "acces", label: "Accès"),
        ]
        if hasPlis { tabs.append(Tab(panel: "plis", label: "Plis")) }
        if showsDecisions { tabs.append(Tab(panel: "decisions", label: "Décisions")) }
        tabs.append(Tab(panel: "historique", label: "Historique"))
        self.tabs = tabs
    }
}

extension ConsultationView.Row {
    package init(_ label: String, _ value: String, code: Bool = false) {
        self.init(label: label, value: value, code: code)
    }
}

extension ConsultationView.Actions {
    /// The page path and button of each state change with a plain comment, in the order the page offers them.
    package static let transitions: [StateChange] = [
        StateChange(
            action: .submit, path: "demander-validation", heading: "Demande de validation",
            commentLabel: "Message au valideur", button: "Demander la validation",
            hint: "La consultation part en validation ; elle ne peut plus être modifiée d'ici là."),
        StateChange(
            action: .validate, path: "valider", heading: "Validation", commentLabel: "Commentaire de validation",
            button: "Valider",
            hint: "La consultation passe à l'étape Consultation : les entreprises la voient à sa date de mise en ligne."
        ),
        StateChange(
            action: .refuse, path: "refuser", heading: "Renvoi en élaboration", commentLabel: "Ce qu'il faut reprendre",
            button: "Renvoyer en élaboration", hint: "Le rédacteur lit ce commentaire dans l'historique."),
        StateChange(
            action: .open, path: "ouvrir", heading: "Ouverture des plis", commentLabel: "Commentaire",
            button: "Passer à l'ouverture et l'analyse",
            hint: "La date limite est passée : les plis pourront être ouverts et analysés."),
    ]

    /// A state change the page offers: its form's path, title, comment label and button.
    package struct StateChange {
        package let action: ConsultationAction
        package let path: String
        package let heading: String
        package let commentLabel: String
        package let button: String
        package let hint: String

        package init(
            action: ConsultationAction, path: String, heading: String, commentLabel: String, button: String,
            hint: String
        ) {
            self.action = action
            self.path = path
            self.heading = heading
            self.commentLabel = commentLabel
            self.button = button
            self.hint = hint
        }
    }

    package init(file: ConsultationFile, id: Int64, suiteReference: String, suiteError: String?) {
        let actions = file.actions
        let consultation = file.consultation
        canEdit = actions.contains(.edit)
        editPath = "/consultations/\(id)/modifier"
        transitions = Self.transitions.filter { actions.contains($0.action) }.map {
            ConsultationView.Transition(
                path: "/consultations/\(id)/\($0.path)", slug: $0.path, action: $0.action.rawValue,
                heading: $0.heading, commentLabel: $0.commentLabel, button: $0.button,
                secondary: $0.action == .refuse, hint: $0.hint)
        }
        canDecide = actions.contains(.decide)
        decidePath = "/consultations/\(id)/decider"
        let kinds = ConsultationDecision.Kind.allCases.map {
            ConsultationView.Kind(value: $0.rawValue, label: $0.label)
        }
        let decided = Set(file.decisions.compactMap(\.lotNumber))
        decisionLots =
            consultation.lots.isEmpty
            ? [
                ConsultationView.DecisionLot(
                    allotted: false, legend: "Décision", kindName: "kind", commentName: "comment", kinds: kinds)
            ]
            : consultation.lots.filter { !decided.contains($0.number) }.map {
                ConsultationView.DecisionLot(
                    allotted: true, legend: "Lot \($0.number) : \($0.title)", kindName: "kind\($0.number)",
                    commentName: "comment\($0.number)", kinds: kinds)
            }
        canReset = actions.contains(.resetDecision)
        resetPath = "/consultations/\(id)/reinitialiser-decision"
        resetLots = file.decisions.compactMap(\.lotNumber).map(String.init)
        hasResetLots = !resetLots.isEmpty
        canCreateSuite = actions.contains(.suite)
        suitePath = "/consultations/\(id)/creer-suite"
        self.suiteReference = suiteReference
        suiteHasError = suiteError != nil
        self.suiteError = suiteError ?? ""
        hasOpeningNotice = consultation.state == .consultation && !actions.contains(.open)
        openingDate = ParisTime.format(consultation.deadline)
        hasForms = !transitions.isEmpty || canDecide || canReset || canCreateSuite
        hasAny = canEdit || !transitions.isEmpty || canDecide || canReset || canCreateSuite || hasOpeningNotice
    }
}
