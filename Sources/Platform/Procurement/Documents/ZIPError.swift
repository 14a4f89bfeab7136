import PlatformKernel

/// Why an archive cannot be read or served; each says what to do, in French, as a ``DomainError``.
package enum ZIPError: Error, Equatable, Sendable {
    /// Not a ZIP archive, or a damaged one.
    case unreadable(String)
    /// ZIP64 (beyond 4 Gio or 65 535 entries), which a DCE never needs.
    case zip64
    /// An entry whose path is absolute or climbs out of the archive (`..`).
    case unsafePath(String)
    /// An entry that expands far beyond its compressed size (a "ZIP bomb").
    case expansion(String)
    /// Too many entries, or too much once expanded.
    case tooBig(String)

    package var domainError: DomainError {
        switch self {
        case .unreadable(let reason):
            .invalidField(
                field: "DCE", reason: "L'archive ZIP est illisible (\(reason)) : recréez-la et déposez-la à nouveau.")
        case .zip64:
            .invalidField(
                field: "DCE",
                reason: "L'archive est au format ZIP64 (plus de 4 Go ou de 65 535 fichiers), que la plateforme "
                    + "n'accepte pas pour un DCE : scindez-la.")
        case .unsafePath(let name):
            .invalidField(
                field: "DCE",
                reason: "Le fichier « \(name) » de l'archive a un chemin absolu ou qui remonte (« .. ») : "
                    + "recréez l'archive depuis le dossier du DCE.")
        case .expansion(let name):
            .invalidField(
                field: "DCE",
                reason: "Le fichier « \(name) » de l'archive se décompresse en une taille sans rapport avec sa "
                    + "taille compressée : l'archive est refusée.")
        case .tooBig(let reason): .invalidField(field: "DCE", reason: reason)
        }
    }
}
