import PlatformKernel

/// The platform-wide settings of the requests: the default quality of service, how long opening a
/// request locks it, and how long the front office keeps a draft.
package struct RequestSettings: Sendable, Equatable {
    package var qualityOfService = QualityOfService.platformDefault
    /// Seconds; 30 minutes unless configured.
    package var lockDuration: Int64 = 30 * 60
    /// How long a citizen's draft is kept after its last save, in seconds; 30 days unless configured.
    package var draftLifetime: Int64 = 30 * 86_400
    /// How many days before a draft's deletion the household is told by e-mail.
    package var draftNoticeDays: Int64 = 7

    package init(
        qualityOfService: QualityOfService = QualityOfService.platformDefault, lockDuration: Int64 = 30 * 60,
        draftLifetime: Int64 = 30 * 86_400, draftNoticeDays: Int64 = 7
    ) {
        self.qualityOfService = qualityOfService
        self.lockDuration = lockDuration
        self.draftLifetime = draftLifetime
        self.draftNoticeDays = draftNoticeDays
    }
}
