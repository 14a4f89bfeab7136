/// The platform-wide settings of the requests: the default quality of service and how long opening a
/// request locks it.
struct RequestSettings: Sendable, Equatable {
    var qualityOfService = QualityOfService.platformDefault
    /// Seconds; 30 minutes unless configured.
    var lockDuration: Int64 = 30 * 60
}
