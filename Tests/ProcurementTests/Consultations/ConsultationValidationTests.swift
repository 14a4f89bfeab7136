import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The form's rules, checked by `Consultation.validate()`.
struct ConsultationValidationTests {
    /// The field named by the first broken rule of `consultation`, or `nil` when it is valid.
    private func brokenField(_ consultation: Consultation) -> String? {
        do {
            try consultation.validate()
            return nil
        } catch {
            switch error {
            case .invalidField(let field, _): return field
            default: return "\(error)"
            }
        }
    }

    @Test func theSampleIsValid() throws {
        #expect(brokenField(try .sample()) == nil)
    }

    @Test func requiredTextsMustNotBeBlank() throws {
        var consultation = try Consultation.sample()
        consultation.title = "  "
        #expect(brokenField(consultation) == "intitulé")
        consultation = try .sample()
        consultation.object = ""
        #expect(brokenField(consultation) == "objet")
        consultation = try .sample()
        consultation.placeOfExecution = "\n"
        #expect(brokenField(consultation) == "lieu d'exécution")
        consultation = try .sample()
        consultation.internalComment = ""
        #expect(brokenField(consultation) == nil)
    }

    @Test func lengthsAreBounded() throws {
        var consultation = try Consultation.sample()
        consultation.title = String(repeating: "é", count: Consultation.maximumTitleLength)
        #expect(brokenField(consultation) == nil)
        consultation.title += "é"
        #expect(brokenField(consultation) == "intitulé")
        consultation = try .sample()
        consultation.internalComment = String(repeating: "x", count: Consultation.maximumCommentLength + 1)
        #expect(brokenField(consultation) == "commentaire interne")
    }

    @Test func standardCreationNeedsACPVConsistentWithTheCategory() throws {
        var consultation = try Consultation.sample()
        consultation.cpv = nil
        #expect(brokenField(consultation) == "code CPV")
        consultation.cpv = try CPVCode("30200000-1")
        #expect(brokenField(consultation) == "code CPV")
        consultation.category = .supplies
        #expect(brokenField(consultation) == nil)
    }

    @Test func theDeadlineMustFollowTheOnlineDate() throws {
        #expect(brokenField(try .sample(onlineFrom: 2_000, deadline: 2_000)) == "date limite de remise des plis")
        #expect(brokenField(try .sample(onlineFrom: 2_001, deadline: 2_000)) == "date limite de remise des plis")
        #expect(brokenField(try .sample(onlineFrom: 1_999, deadline: 2_000)) == nil)
    }

    @Test func lotsAreTwoOrMoreUniquelyNumberedAndTitled() throws {
        var consultation = try Consultation.sample()
        consultation.lots = [ConsultationLot(number: 1, title: "Couverture")]
        #expect(brokenField(consultation) == "lots")
        consultation.lots.append(ConsultationLot(number: 1, title: "Étanchéité"))
        #expect(brokenField(consultation) == "lots")
        consultation.lots[1].number = 0
        #expect(brokenField(consultation) == "lots")
        consultation.lots[1].number = 2
        #expect(brokenField(consultation) == nil)
        consultation.lots[1].title = " "
        #expect(brokenField(consultation) == "lot 2")
    }

    @Test func theDCEIsALowercaseSHA256() throws {
        var consultation = try Consultation.sample()
        consultation.dceSHA256 = String(repeating: "ab", count: 32)
        #expect(brokenField(consultation) == nil)
        consultation.dceSHA256 = String(repeating: "AB", count: 32)
        #expect(brokenField(consultation) == "DCE")
        consultation.dceSHA256 = String(repeating: "a", count: 63)
        #expect(brokenField(consultation) == "DCE")
    }

    @Test func theAccessCodeIsShortAndAlphanumeric() throws {
        var consultation = try Consultation.sample()
        consultation.accessCode = "6X2mEGpm"
        #expect(brokenField(consultation) == nil)
        for bad in ["6X2mE", "6X2m EGpm", "6X2mÉGpm", String(repeating: "a", count: 33)] {
            consultation.accessCode = bad
            #expect(brokenField(consultation) == "code d'accès", "\(bad)")
        }
    }

    @Test func anAgentIsInvitedOnce() throws {
        var consultation = try Consultation.sample()
        consultation.invitations = [.init(agentID: 7), .init(agentID: 8, permanent: true)]
        #expect(brokenField(consultation) == nil)
        consultation.invitations.append(.init(agentID: 7, permanent: true))
        #expect(brokenField(consultation) == "invités")
    }

    @Test func modalitiesFitTogether() throws {
        var consultation = try Consultation.sample()
        consultation.modalities.envelopes = []
        #expect(brokenField(consultation) == "enveloppes")
        consultation.modalities.envelopes = [.anonymity]
        #expect(brokenField(consultation) == "enveloppes")
        consultation.modalities.envelopes = [.application, .offer, .anonymity]
        #expect(brokenField(consultation) == nil)

        consultation.modalities.electronicResponse = .refused
        consultation.modalities.encryption = true
        #expect(brokenField(consultation) == "chiffrement")
        consultation.modalities.encryption = false
        consultation.modalities.signature = .required
        #expect(brokenField(consultation) == "signature électronique")
        consultation.modalities.signature = .notRequired
        #expect(brokenField(consultation) == nil)

        for response in [ConsultationModalities.ElectronicResponse.allowed, .required] {
            consultation.modalities.electronicResponse = response
            consultation.modalities.encryption = true
            consultation.modalities.signature = .allowed
            #expect(brokenField(consultation) == nil)
        }
    }

    @Test func simplifiedCreationFillsTheOmittedFields() throws {
        let consultation = Consultation.simplified(
            reference: try ConsultationReference("DEVIS_2026_04"), organisationID: 3, createdBy: 9,
            contractType: .publicContract, procedureType: .adapted, category: .supplies,
            title: "Fournitures de bureau", object: "Demande de devis", placeOfExecution: "Lyon", deadline: 5_000,
            now: 4_000)
        #expect(consultation.creationMode == .simplified)
        #expect(consultation.cpv == nil)
        #expect(consultation.lots.isEmpty)
        #expect(consultation.onlineFrom == 4_000)
        #expect(consultation.modalities == ConsultationModalities())
        #expect(consultation.modalities.encryption)
        #expect(consultation.modalities.envelopes == [.offer])
        #expect(consultation.invitations.isEmpty)
        #expect(consultation.state == .elaboration)
        #expect(brokenField(consultation) == nil)
        var late = consultation
        late.deadline = 4_000
        #expect(brokenField(late) == "date limite de remise des plis")
    }
}

/// Small helpers of the consultation types.
struct ConsultationAccessTests {
    @Test func theAuthorAndInvitedAgentsReachTheConsultation() throws {
        var consultation = try Consultation.sample(createdBy: 1)
        consultation.invitations = [.init(agentID: 2), .init(agentID: 3, permanent: true)]
        #expect(consultation.isAuthorOrInvited(1))
        #expect(consultation.isAuthorOrInvited(2))
        #expect(consultation.isAuthorOrInvited(3))
        #expect(!consultation.isAuthorOrInvited(4))
    }

    @Test func envelopesAreListedCandidatureOffreAnonymat() {
        #expect(Set(ConsultationEnvelope.allCases).sorted() == [.application, .offer, .anonymity])
        #expect(
            [ConsultationEnvelope.anonymity, .application, .offer].sorted().map(\.label) == [
                "Candidature", "Offre", "Anonymat",
            ])
    }
}
