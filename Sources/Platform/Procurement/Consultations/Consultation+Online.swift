import PlatformKernel

extension Consultation {
    /// Whether companies see the consultation: validated ("Consultation" state), from the date de mise en ligne,
    /// until the deadline (excluded) unless it stays displayed after it.
    package func isOnline(at now: Int64) -> Bool {
        state == .consultation && now >= onlineFrom && (now < deadline || modalities.displayedAfterDeadline)
    }

    /// Whether a company may open the consultation with this code: any company when access is public
    /// ("Phase d'accès public"), only with the exact code when it is restricted.
    package func admits(accessCode code: String?) -> Bool {
        accessCode == nil || accessCode == code
    }

    /// Whether an electronic deposit may complete at `now`: online and strictly before the deadline second.
    package func acceptsDeposits(at now: Int64) -> Bool {
        state == .consultation && now >= onlineFrom && now < deadline
            && modalities.electronicResponse != .refused
    }
}
