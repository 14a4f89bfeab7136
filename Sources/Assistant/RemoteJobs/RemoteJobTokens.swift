import CoreTokens
import Foundation

/// The token that holds the key of an online opening: the one the page or the command line named, or,
/// when none was named, the only token present.
enum RemoteJobTokens {
    static func resolve(_ label: String?, library: P11Library) async throws(RemoteJobError) -> String {
        if let label { return label }
        let labels: [String]
        do {
            labels = try await offCooperativePool { library.slots().compactMap { try? $0.token().label } }
        } catch {
            labels = []
        }
        guard labels.count == 1, let only = labels.first else {
            throw .token(
                labels.isEmpty
                    ? "Aucun support cryptographique (carte, clé, magasin) n'est présent : branchez celui qui porte la "
                        + "clé de déchiffrement, puis relancez."
                    : "Plusieurs supports sont présents (\(labels.joined(separator: ", "))) : indiquez celui qui "
                        + "porte la clé de déchiffrement (token).")
        }
        return only
    }
}
