import PlatformKernel

extension Consultation {
    /// A consultation from the simplified form: identification, calendar deadline, DCE and company access.
    ///
    /// The fields that form omits take these defaults, and the lifecycle is then the standard one:
    /// - no CPV code, not divided into lots;
    /// - date de mise en ligne = `now`, so it goes online as soon as it is validated;
    /// - modalities: electronic response allowed, signature not required, encryption on, one "offre" envelope,
    ///   opening by folder, not displayed after the deadline;
    /// - no invited agent: the agents of `organisationID` have access.
    package static func simplified(
        reference: ConsultationReference, organisationID: Int64, createdBy: Int64,
        announcementType: AnnouncementType = .consultation, contractType: ContractType,
        procedureType: ProcedureType, category: ProcurementCategory, title: String, object: String,
        internalComment: String = "", placeOfExecution: String, deadline: Int64, dceSHA256: String? = nil,
        accessCode: String? = nil, now: Int64
    ) -> Consultation {
        Consultation(
            reference: reference, organisationID: organisationID, createdBy: createdBy, creationMode: .simplified,
            announcementType: announcementType, contractType: contractType, procedureType: procedureType,
            category: category, title: title, object: object, internalComment: internalComment,
            placeOfExecution: placeOfExecution, cpv: nil, lots: [], deadline: deadline, onlineFrom: now,
            dceSHA256: dceSHA256, accessCode: accessCode, modalities: ConsultationModalities())
    }
}
