import PlatformKernel

extension StatisticsService {
    /// The figures of one line of the statistics (a procedure type, a service, or the total) over the period.
    package struct Figures: Codable, Sendable, Equatable {
        /// Consultations created in the period (the first row of their state history).
        package var consultations: Int64 = 0
        /// Consultations put online in the period (moved to the step « Consultation »).
        package var published: Int64 = 0
        /// Deposits completed in the period and still valid (« complet »).
        package var completeDeposits: Int64 = 0
        /// DCE withdrawals in the period (« registre des retraits »), whole or partial.
        package var dceDownloads: Int64 = 0
        /// Questions asked by bidders in the period.
        package var questions: Int64 = 0

        package init(
            consultations: Int64 = 0, published: Int64 = 0, completeDeposits: Int64 = 0, dceDownloads: Int64 = 0,
            questions: Int64 = 0
        ) {
            self.consultations = consultations
            self.published = published
            self.completeDeposits = completeDeposits
            self.dceDownloads = dceDownloads
            self.questions = questions
        }

        /// The column headings, in the order of ``values``.
        package static let headings = [
            "Consultations créées", "Consultations mises en ligne", "Dépôts reçus (complets)", "Retraits du DCE",
            "Questions posées",
        ]

        package var values: [Int64] { [consultations, published, completeDeposits, dceDownloads, questions] }

        static func + (left: Figures, right: Figures) -> Figures {
            Figures(
                consultations: left.consultations + right.consultations, published: left.published + right.published,
                completeDeposits: left.completeDeposits + right.completeDeposits,
                dceDownloads: left.dceDownloads + right.dceDownloads, questions: left.questions + right.questions)
        }
    }

    /// One line of a breakdown: what it counts (`key`: the procedure type's identifier or the service's id),
    /// its label, and its figures.
    package struct Line: Codable, Sendable, Equatable {
        package let key: String
        package let label: String
        /// How deep the service sits below the agent's organisation (0 for it; always 0 for a procedure).
        package let depth: Int
        package let figures: Figures

        package init(key: String, label: String, depth: Int = 0, figures: Figures) {
            self.key = key
            self.label = label
            self.depth = depth
            self.figures = figures
        }
    }
}
