import PlatformKernel

/// A teleservice's quality-of-service commitment ("Gestion des alertes"), in working days: the maximum
/// instruction time, and the reminder delay before it at which the agents are warned.
package struct QualityOfService: Codable, Sendable, Equatable {
    /// "Temps maximum d'instruction".
    package var maximumDays: Int
    /// "Alerte de rappel": how many working days before the maximum the request turns urgent.
    package var reminderDays: Int

    package init(maximumDays: Int, reminderDays: Int) {
        self.maximumDays = maximumDays
        self.reminderDays = reminderDays
    }

    /// The platform-wide values of the seed's configuration screen: 10 and 3 working days.
    package static let platformDefault = QualityOfService(maximumDays: 10, reminderDays: 3)

    package func validate() throws(DomainError) {
        guard maximumDays > 0 else {
            throw .invalidField(
                field: "Temps maximum d'instruction", reason: "saisissez un nombre de jours ouvrés supérieur à 0.")
        }
        guard reminderDays >= 0, reminderDays < maximumDays else {
            throw .invalidField(
                field: "Alerte de rappel",
                reason: "saisissez un nombre de jours ouvrés inférieur au temps maximum d'instruction.")
        }
    }

    /// Where a request filed on `filed` stands on `today`: the task board's orange and red.
    package func level(filed: CivilDate, today: CivilDate) -> QualityLevel {
        let elapsed = WorkingDays.elapsed(from: filed, to: today)
        if elapsed > maximumDays { return .late }
        if elapsed > maximumDays - reminderDays { return .urgent }
        return .onTime
    }
}

/// How a request awaiting an agent stands against its teleservice's quality of service.
package enum QualityLevel: String, Codable, CaseIterable, Sendable {
    case onTime = "on-time"
    /// Orange: the reminder delay has passed.
    case urgent
    /// Red: the maximum instruction time has passed.
    case late

    package var label: String {
        switch self {
        case .onTime: "Dans les délais"
        case .urgent: "Urgente"
        case .late: "En retard"
        }
    }
}
