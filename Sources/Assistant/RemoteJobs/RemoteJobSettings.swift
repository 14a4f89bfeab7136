import Foundation

/// What every remote job shares: where its state and the downloaded plis go, how fast it may download,
/// how often a failing request is tried again.
struct RemoteJobSettings: Sendable {
    /// The assistant's state directory (jobs under `jobs/`).
    var stateDirectory: URL
    /// Where "Télécharger les plis chiffrés" puts the sealed files.
    var plisFolder: URL
    /// The download rate cap in bytes per second (`--max-download-rate`); nil for none.
    var maxDownloadRate: Int?
    /// Tries again of a request that failed for a transient reason.
    var retries = 6

    init(stateDirectory: URL, plisFolder: URL, maxDownloadRate: Int? = nil) {
        self.stateDirectory = stateDirectory
        self.plisFolder = plisFolder
        self.maxDownloadRate = maxDownloadRate
    }
}
