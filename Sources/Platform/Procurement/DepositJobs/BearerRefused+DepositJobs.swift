import PlatformKernel

extension BearerRefused {
    /// A deposit job's one-time token that does not claim it.
    package static let invalidDepositToken = BearerRefused(
        message: "Jeton de dépôt refusé (déjà utilisé, expiré ou d'un autre dépôt) : cliquez à nouveau sur "
            + "« Déposer ».")
}
