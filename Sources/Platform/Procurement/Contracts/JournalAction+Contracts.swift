import PlatformKernel

extension JournalAction {
    /// A contract recorded after a decision « Attribution ».
    package static let contractCreated: JournalAction = "contract.created"
    /// Its essential data published.
    package static let contractPublished: JournalAction = "contract.published"
    /// An « avenant / modification » recorded and published.
    package static let contractModified: JournalAction = "contract.modified"
}

extension JournalSubject {
    package static func contract(_ id: Int64) -> JournalSubject { JournalSubject(kind: "contract", id: id) }
}
