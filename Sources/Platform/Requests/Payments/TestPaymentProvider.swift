import Crypto
import Foundation

/// The platform's own payment service for the tests and the demo: no money moves. Its page
/// (`/paiement-de-test/{référence}`, marked « Service de paiement de test » on every screen) lets the tester
/// accept, refuse or abandon; it then notifies the platform and sends the browser back, as PayFiP would, with
/// PayFiP's field names (`refdet`, `montant`, `resultrans`, `numauto`, `dattrans`, `heurtrans`) and a
/// `signature`: HMAC-SHA256 under a key drawn when the platform starts, so that a hand-made return is
/// refused. Never choose it in production (`serve --payment-provider test` says so in the log).
package struct TestPaymentProvider: PaymentProvider {
    package let key: SymmetricKey
    /// The platform's address, which the test page belongs to.
    package let origin: String

    package init(key: SymmetricKey = SymmetricKey(size: .bits256), origin: String) {
        self.key = key
        self.origin = origin
    }

    package static let pagePath = "/paiement-de-test"

    package var name: String { "test" }
    package var label: String { "Service de paiement de test" }
    package var trustsReturn: Bool { true }

    package func redirect(for order: PaymentOrder) throws(PaymentProviderError) -> URL {
        guard let url = URL(string: "\(origin)\(Self.pagePath)/\(order.reference)") else {
            throw .order("Le service de paiement de test n'a pas d'adresse.")
        }
        return url
    }

    /// The fields the test page sends for `outcome` (`P`, `R` or `A`), signed.
    package func fields(reference: String, amount: Int64, result: String, at time: Int64) -> [String: String] {
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        var fields = [
            "refdet": reference, "montant": String(amount), "resultrans": result,
            "dattrans": two(parts.day) + two(parts.month) + String(parts.year ?? 0),
            "heurtrans": two(parts.hour) + two(parts.minute),
        ]
        if result == "P" { fields["numauto"] = "TEST" + String(UInt32.random(in: 100_000...999_999)) }
        fields["signature"] = signature(fields)
        return fields
    }

    /// HMAC-SHA256 of the fields but `signature`, sorted by name, `name=value` joined by `&`, in hex.
    package func signature(_ fields: [String: String]) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(signedText(fields).utf8), using: key)
            .map { String(format: "%02x", $0) }.joined()
    }

    package func notification(from fields: [String: String]) throws(PaymentProviderError) -> PaymentNotification {
        guard let given = fields["signature"],
            HMAC<SHA256>.isValidAuthenticationCode(
                Data(signatureHex: given) ?? Data(), authenticating: Data(signedText(fields).utf8), using: key)
        else { throw .notification("signature du service de paiement de test absente ou fausse") }
        guard let reference = fields["refdet"], PayFiPProvider.isValidReference(reference),
            let amount = fields["montant"].flatMap({ Int64($0) })
        else { throw .notification("refdet ou montant absent") }
        let outcome: PaymentOutcome
        switch fields["resultrans"] {
        case "P": outcome = .paid
        case "R": outcome = .refused
        case "A": outcome = .cancelled
        case let other: throw .notification("resultrans « \(other ?? "") » inconnu")
        }
        let time = [fields["dattrans"], fields["heurtrans"]].compactMap { $0 }.joined(separator: " ")
        var kept = fields
        kept["signature"] = nil
        return PaymentNotification(
            reference: reference, amount: amount, outcome: outcome, transactionNumber: fields["numauto"],
            transactionTime: time.isEmpty ? nil : time, fields: kept)
    }

    private func signedText(_ fields: [String: String]) -> String {
        fields.filter { $0.key != "signature" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}

extension Data {
    /// Lower- or upper-case hexadecimal; `nil` for anything else.
    fileprivate init?(signatureHex hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
