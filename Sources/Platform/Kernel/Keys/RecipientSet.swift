/// Which certificates a consultation's bids are sealed for (issue 6, "Encryption keys").
///
/// The personal keys are the service's own, or when it has none, those of the nearest organisation
/// above it that has some (a sub-entity may use its parent's key, seed 000 §4.2.2). Every backup key of
/// the service and of the organisations above it is always added, so a lost token never loses a bid.
package enum RecipientSet {
    /// The recipients for a service, given every key of its path (root first, the service last).
    package static func recipients(path: OrganisationPath, keys: [EncryptionKey]) -> [EncryptionKey] {
        let byOrganisation = Dictionary(grouping: keys, by: \.organisationID)
        var personal: [EncryptionKey] = []
        for id in path.ids.reversed() {
            let own = (byOrganisation[id] ?? []).filter { $0.kind == .personal }
            if !own.isEmpty {
                personal = own
                break
            }
        }
        let backup = path.ids.flatMap { byOrganisation[$0] ?? [] }.filter { $0.kind == .backup }
        return personal + backup
    }

    /// Whether a service has a key of its own or inherited, the condition for granting roles in it.
    package static func hasKey(path: OrganisationPath, keys: [EncryptionKey]) -> Bool {
        !recipients(path: path, keys: keys).isEmpty
    }
}
