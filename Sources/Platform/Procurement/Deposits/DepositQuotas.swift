import PlatformKernel

/// What one company may hold on the platform while it deposits (`serve --max-…` options): deposits in
/// progress, files in an envelope, bytes in a file and in a deposit. Deposits in progress are those not
/// complete yet and still alive: started less than the abandoned-upload age ago, or with an upload not swept.
package struct DepositQuotas: Sendable, Equatable {
    /// Deposits in progress of one company for one consultation.
    package var depositsInProgressPerConsultation = 5
    /// Deposits in progress of one company over every consultation.
    package var depositsInProgressPerCompany = 20
    /// Files in one envelope of a deposit.
    package var filesPerEnvelope = 50
    /// Bytes of one sealed file.
    package var bytesPerFile: Int64 = 4 << 30
    /// Bytes of every file of one deposit together.
    package var bytesPerDeposit: Int64 = 8 << 30

    package init(
        depositsInProgressPerConsultation: Int = 5, depositsInProgressPerCompany: Int = 20, filesPerEnvelope: Int = 50,
        bytesPerFile: Int64 = 4 << 30, bytesPerDeposit: Int64 = 8 << 30
    ) {
        self.depositsInProgressPerConsultation = depositsInProgressPerConsultation
        self.depositsInProgressPerCompany = depositsInProgressPerCompany
        self.filesPerEnvelope = filesPerEnvelope
        self.bytesPerFile = bytesPerFile
        self.bytesPerDeposit = bytesPerDeposit
    }
}
