import Foundation
import Testing

@testable import PlatformKernel
@testable import Procurement

/// The rules of a contract: only for a lot awarded by a decision « Attribution », valid titulaires (SIRET with
/// its key, a groupement for several), amounts, durations and dates in order; modifications appended after the
/// publication, never before the notification.
struct ContractPolicyTests {
    /// 2026-05-28 in Paris.
    static let now: Int64 = 1_780_000_000

    static func consultation(lots: [ConsultationLot] = []) throws -> Consultation {
        var consultation = Consultation(
            id: 7, reference: try ConsultationReference("AOO_2026_011"), organisationID: 3, createdBy: 1,
            contractType: .publicContract, procedureType: .openTender, category: .works, title: "Voirie",
            object: "Réfection de la voirie", placeOfExecution: "Lille", cpv: try CPVCode("45233140"),
            deadline: 10_000, onlineFrom: 0)
        consultation.lots = lots
        return consultation
    }

    static let entity = Organisation(id: 1, name: "Ville de Lille", type: .large)

    static func draft() -> ContractDraft {
        var draft = ContractDraft()
        draft.buyerSIRET = "21590350100017"
        draft.object = "Réfection de la voirie"
        draft.cpv = "45233140"
        draft.holders = [(name: "Bâtiments Durand SARL", siret: "732 829 320 00074"), (name: "", siret: "")]
        draft.grouping = OperatorGrouping.none.rawValue
        draft.amount = "125 000,50"
        draft.priceForm = PriceForm.lumpSum.rawValue
        draft.priceType = PriceType.revisable.rawValue
        draft.generalConditions = GeneralConditions.works.rawValue
        draft.durationMonths = "24"
        draft.offersReceived = "3"
        draft.notificationDate = "15/05/2026"
        draft.executionStartDate = "2026-06-01"
        draft.contactName = "Claire Martin"
        draft.contactEmail = "claire.martin@lille.invalid"
        draft.placeCode = "59350"
        draft.placeCodeType = PlaceCodeType.commune.rawValue
        return draft
    }

    static func contract(
        _ draft: ContractDraft = draft(), lots: [ConsultationLot] = [],
        decisions: [ConsultationDecision] = [.init(kind: .award)]
    ) throws(DomainError) -> Contract {
        try ContractPolicy.contract(
            from: draft, consultation: try! consultation(lots: lots), decisions: decisions, entity: entity,
            createdBy: 1, now: now)
    }

    /// The field a refusal names.
    static func field<T>(_ body: () throws(DomainError) -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            if case .invalidField(let field, _) = error { return field }
            return "\(error)"
        }
    }

    @Test func aValidDraftMakesTheContract() throws {
        let contract = try Self.contract()
        #expect(contract.lotNumber == nil)
        #expect(contract.amount == EuroAmount(cents: 12_500_050))
        #expect(contract.holders == [ContractHolder(name: "Bâtiments Durand SARL", siret: try SIRET("73282932000074"))])
        #expect(contract.procedure == "Appel d'offres ouvert")
        #expect(contract.technique == "Sans objet")
        #expect(contract.notificationDate.description == "2026-05-15")
        #expect(contract.buyerName == "Ville de Lille")
        #expect(contract.publicationDate == nil)
        var numbered = contract
        numbered.id = 42
        #expect(numbered.number == "2026C000042")
    }

    @Test func aLotWithoutAnAwardIsRefusedBesideTheLot() throws {
        let lots = [ConsultationLot(number: 1, title: "Chaussée"), ConsultationLot(number: 2, title: "Trottoirs")]
        let decisions: [ConsultationDecision] = [
            .init(lotNumber: 1, kind: .award), .init(lotNumber: 2, kind: .unsuccessful),
        ]
        var draft = Self.draft()
        draft.lot = "2"
        do {
            _ = try Self.contract(draft, lots: lots, decisions: decisions)
            Issue.record("A lot declared infructueux got a contract")
        } catch {
            guard case .invalidField(let field, let reason) = error else { throw error }
            #expect(field == "lot")
            #expect(reason.contains("Le lot 2 n'a pas de décision « Attribution »"))
        }
        draft.lot = "1"
        #expect(try Self.contract(draft, lots: lots, decisions: decisions).lotNumber == 1)
        draft.lot = "3"
        #expect(
            Self.field { () throws(DomainError) in try Self.contract(draft, lots: lots, decisions: decisions) } == "lot"
        )
        // A consultation without lots needs its own award; a selection is not one.
        #expect(
            Self.field { () throws(DomainError) in try Self.contract(decisions: [.init(kind: .selection)]) } == "lot")
        #expect(Self.field { () throws(DomainError) in try Self.contract(decisions: []) } == "lot")
    }

    @Test func eachBrokenFieldIsNamed() {
        func refused(_ change: (inout ContractDraft) -> Void) -> String? {
            var draft = Self.draft()
            change(&draft)
            return Self.field { () throws(DomainError) in try Self.contract(draft) }
        }
        #expect(refused { $0.buyerSIRET = "21590350100018" } == "SIRET de l'acheteur")
        #expect(refused { $0.holders = [(name: "Durand", siret: "73282932000075")] } == "SIRET du titulaire 1")
        #expect(refused { $0.holders = [(name: "Durand", siret: "7328293200007")] } == "SIRET du titulaire 1")
        #expect(refused { $0.holders = [(name: "", siret: "73282932000074")] } == "nom du titulaire 1")
        #expect(refused { $0.holders = [] } == "nom du titulaire 1")
        #expect(refused { $0.object = "  " } == "objet")
        #expect(refused { $0.cpv = "4523314" } == "code CPV")
        #expect(refused { $0.amount = "0,50" } == "montant")
        #expect(refused { $0.amount = "12,345" } == "montant")
        #expect(refused { $0.amount = "douze" } == "montant")
        #expect(refused { $0.durationMonths = "0" } == "durée")
        #expect(refused { $0.offersReceived = "0" } == "nombre d'offres reçues")
        #expect(refused { $0.notificationDate = "31/02/2026" } == "date de notification")
        #expect(
            refused {
                $0.notificationDate = "01/01/2030"
                $0.executionStartDate = "02/01/2030"
            } == "date de notification")
        #expect(refused { $0.executionStartDate = "14/05/2026" } == "date de début d'exécution")
        #expect(refused { $0.contactName = "" } == "contact du contrat")
        #expect(refused { $0.contactEmail = "claire" } == "e-mail du contact")
        #expect(refused { $0.placeCode = "59 350" } == "code du lieu d'exécution")
        #expect(refused { $0.placeCodeType = "Code ville" } == "type de code")
        #expect(refused { $0.priceForm = "Ferme" } == "forme du prix")
        #expect(refused { $0.priceType = "Ferme" } == "type de prix")
        #expect(refused { $0.generalConditions = "" } == "ccag")
    }

    @Test func severalHoldersMakeAGroupement() throws {
        var draft = Self.draft()
        draft.holders = [
            (name: "Bâtiments Durand SARL", siret: "73282932000074"), (name: "Atexo", siret: "44090956200033"),
        ]
        #expect(Self.field { () throws(DomainError) in try Self.contract(draft) } == "groupement")
        draft.grouping = OperatorGrouping.jointAndSeveral.rawValue
        #expect(try Self.contract(draft).holders.count == 2)
        draft.holders[1].siret = "73282932000074"
        #expect(Self.field { () throws(DomainError) in try Self.contract(draft) } == "SIRET du titulaire 2")
        draft.holders = [(name: "Bâtiments Durand SARL", siret: "73282932000074")]
        #expect(Self.field { () throws(DomainError) in try Self.contract(draft) } == "groupement")
    }

    @Test func modificationsFollowThePublicationInOrder() throws {
        var contract = try Self.contract()
        contract.id = 1
        let draft = ModificationDraft(
            object: "Travaux supplémentaires", amount: "140 000", signatureDate: "20/05/2026",
            publicationDate: "21/05/2026")
        // Not before the essential data are published.
        #expect(throws: DomainError.self) {
            try ContractPolicy.modification(from: draft, of: contract, by: 1, now: Self.now)
        }
        contract.publicationDate = try CalendarDay("2026-05-16", field: "date")
        let first = try ContractPolicy.modification(from: draft, of: contract, by: 1, now: Self.now)
        #expect(first.number == 1 && first.amount == EuroAmount(cents: 14_000_000) && first.durationMonths == nil)
        contract.modifications.append(first)
        #expect(contract.currentAmount == EuroAmount(cents: 14_000_000))
        #expect(contract.amount == EuroAmount(cents: 12_500_050))

        func refused(_ change: (inout ModificationDraft) -> Void) -> String? {
            var typed = draft
            change(&typed)
            return Self.field { () throws(DomainError) in
                try ContractPolicy.modification(from: typed, of: contract, by: 1, now: Self.now)
            }
        }
        #expect(
            refused {
                $0.amount = ""
                $0.durationMonths = ""
            } == "nouveau montant")
        #expect(refused { $0.object = "" } == "objet de la modification")
        #expect(refused { $0.durationMonths = "0" } == "nouvelle durée")
        #expect(refused { $0.signatureDate = "10/05/2026" } == "date de signature")
        #expect(refused { $0.publicationDate = "19/05/2026" } == "date de publication")
        // Published before the previous modification: out of order.
        #expect(
            refused {
                $0.signatureDate = "16/05/2026"
                $0.publicationDate = "20/05/2026"
            } == "date de publication")
        var second = draft
        second.amount = ""
        second.durationMonths = "30"
        second.publicationDate = "22/05/2026"
        let next = try ContractPolicy.modification(from: second, of: contract, by: 1, now: Self.now)
        #expect(next.number == 2 && next.durationMonths == 30 && next.amount == nil)
    }

    @Test func daysAndAmountsReadAsTyped() throws {
        #expect(try CalendarDay("29/02/2028", field: "d").description == "2028-02-29")
        #expect(throws: DomainError.self) { try CalendarDay("29/02/2027", field: "d") }
        #expect(throws: DomainError.self) { try CalendarDay("2026-5-1", field: "d") }
        #expect(
            CalendarDay.isISODay("2026-05-01") && !CalendarDay.isISODay("2026-13-01")
                && !CalendarDay.isISODay("01/05/2026"))
        #expect(CalendarDay(seconds: Self.now).description == "2026-05-28")
        #expect(try EuroAmount("1 234,5", field: "m").cents == 123_450)
        #expect(try EuroAmount("1234.05 €", field: "m").decimal == "1234.05")
        #expect(EuroAmount(cents: 12_500_050).decimal == "125000.5")
        #expect(EuroAmount(cents: 100_000).decimal == "1000")
        #expect(EuroAmount(cents: 12_500_050).french == "125\u{202F}000,50 €")
    }
}
