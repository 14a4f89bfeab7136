import Foundation

/// PayFiP's settings: the client number the DGFiP gives the régie (`numcli`) and the mode of its payments
/// (`saisie`).
package struct PayFiPSettings: Sendable, Equatable {
    /// `saisie`: T for tests (no card debited), X for the activation phase, W in production.
    package enum Mode: String, CaseIterable, Sendable {
        case test = "T"
        case activation = "X"
        case production = "W"

        /// The option's value: `test`, `activation`, `production`.
        package var option: String {
            switch self {
            case .test: "test"
            case .activation: "activation"
            case .production: "production"
            }
        }

        package init?(option: String) {
            guard let mode = Self.allCases.first(where: { $0.option == option }) else { return nil }
            self = mode
        }
    }

    package static let defaultURL = "https://www.payfip.gouv.fr/tpa/paiement.web"

    package var client = ""
    package var mode = Mode.test
    /// The service's address (`--payfip-url`), PayFiP's by default.
    package var serviceURL = PayFiPSettings.defaultURL

    package init(client: String = "", mode: Mode = .test, serviceURL: String = PayFiPSettings.defaultURL) {
        self.client = client
        self.mode = mode
        self.serviceURL = serviceURL
    }

    /// A client number is six digits.
    package static func isValidClient(_ text: String) -> Bool {
        text.count == 6 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// PayFiP (formerly TIPI), the DGFiP's online payment service for local authorities, through its URL
/// protocol: the browser goes to the service with the order's parameters (`numcli`, `exer`, `refdet`,
/// `objet`, `montant` in cents, `mel`, `urlcl`, `saisie`); PayFiP posts the result to `urlcl` with the same
/// fields and `resultrans` (P paid by card, V paid by direct debit, R or Z refused, A abandoned),
/// `numauto` (authorisation), `dattrans` (JJMMAAAA) and `heurtrans` (HHMM), then sends the citizen back there.
///
/// PayFiP signs nothing: a notification is believed only when it names one of our pending orders, with
/// its exact amount, our client number and mode, and reaches the callback by POST (from the networks
/// `serve --payfip-notification-from` allows); the citizen's return never changes a payment.
package struct PayFiPProvider: PaymentProvider {
    package let settings: PayFiPSettings

    package init(settings: PayFiPSettings) {
        self.settings = settings
    }

    package var name: String { "payfip" }
    package var label: String { "PayFiP" }
    package var trustsReturn: Bool { false }

    /// `refdet`: 6 to 30 ASCII letters and digits.
    package static func isValidReference(_ text: String) -> Bool {
        (6...30).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// `objet`: at most 100 ASCII letters, digits and spaces; accents are dropped, other signs become spaces.
    package static func object(_ text: String) -> String {
        let folded = text.folding(options: .diacriticInsensitive, locale: Locale(identifier: "fr"))
        var result = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.isEmpty, !result.hasSuffix(" ") {
                result.append(" ")
            }
        }
        return String(result.trimmingCharacters(in: .whitespaces).prefix(100))
            .trimmingCharacters(in: .whitespaces)
    }

    package func redirect(for order: PaymentOrder) throws(PaymentProviderError) -> URL {
        guard PayFiPSettings.isValidClient(settings.client) else {
            throw .order("Le paiement en ligne n'est pas configuré (numéro client PayFiP). Contactez la mairie.")
        }
        guard Self.isValidReference(order.reference) else {
            throw .order("La référence du paiement ne convient pas à PayFiP.")
        }
        guard (TeleservicePayment.minimum...TeleservicePayment.maximum).contains(order.amount) else {
            throw .order("PayFiP accepte un montant entre 1 € et 100 000 €.")
        }
        guard let email = order.email, (6...80).contains(email.count), email.contains("@") else {
            throw .order("PayFiP demande l'adresse e-mail du payeur : indiquez-la dans « Mon compte », puis réessayez.")
        }
        guard (1000...9999).contains(order.year), order.callbackURL.hasPrefix("http") else {
            throw .order("Le paiement en ligne n'est pas configuré (adresse de retour). Contactez la mairie.")
        }
        var components = URLComponents(string: settings.serviceURL)
        components?.queryItems = [
            URLQueryItem(name: "numcli", value: settings.client),
            URLQueryItem(name: "exer", value: String(order.year)),
            URLQueryItem(name: "refdet", value: order.reference),
            URLQueryItem(name: "objet", value: Self.object(order.object)),
            URLQueryItem(name: "montant", value: String(order.amount)),
            URLQueryItem(name: "mel", value: email),
            URLQueryItem(name: "urlcl", value: order.callbackURL),
            URLQueryItem(name: "saisie", value: settings.mode.rawValue),
        ]
        // `+` and `@` are left raw by URLComponents in a query: encode them as the service's form decoder expects.
        let query = components?.percentEncodedQuery?
            .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "@", with: "%40")
        components?.percentEncodedQuery = query
        guard let url = components?.url else { throw .order("Le paiement en ligne n'est pas configuré.") }
        return url
    }

    package func notification(from fields: [String: String]) throws(PaymentProviderError) -> PaymentNotification {
        guard let client = fields["numcli"], client == settings.client else {
            throw .notification("numcli absent ou différent de celui de la plateforme")
        }
        if let mode = fields["saisie"], mode != settings.mode.rawValue {
            throw .notification("saisie « \(mode) » au lieu de « \(settings.mode.rawValue) »")
        }
        guard let reference = fields["refdet"], Self.isValidReference(reference) else {
            throw .notification("refdet absent ou mal formé")
        }
        guard let text = fields["montant"], !text.isEmpty, text.count <= 12,
            text.allSatisfy({ $0.isASCII && $0.isNumber }), let amount = Int64(text)
        else { throw .notification("montant absent ou mal formé") }
        let outcome: PaymentOutcome
        switch fields["resultrans"] {
        case "P", "V": outcome = .paid
        case "R", "Z": outcome = .refused
        case "A": outcome = .cancelled
        case let other: throw .notification("resultrans « \(other ?? "") » inconnu")
        }
        let time = [fields["dattrans"], fields["heurtrans"]].compactMap { $0 }.joined(separator: " ")
        return PaymentNotification(
            reference: reference, amount: amount, outcome: outcome,
            transactionNumber: fields["numauto"].flatMap { $0.isEmpty ? nil : $0 },
            transactionTime: time.isEmpty ? nil : time, fields: fields)
    }
}
