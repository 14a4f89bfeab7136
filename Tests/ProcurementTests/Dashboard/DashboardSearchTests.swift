import Foundation
import Testing

@testable import PlatformKernel
@testable import Procurement

/// The « Tableau de bord » search: each criterion alone, and the query the page sends.
struct DashboardSearchTests {
    private func consultation(
        _ reference: String, title: String = "Achat d'ordinateurs - Phase candidature",
        object: String = "Achat de matériel informatique", state: ConsultationState = .elaboration,
        procedure: ProcedureType = .restrictedTender, service: Int64 = 10, deadline: Int64 = 2_000,
        online: Int64 = 1_000
    ) throws -> Consultation {
        var consultation = try Consultation.sample(
            reference: reference, organisationID: service, onlineFrom: online, deadline: deadline)
        consultation.title = title
        consultation.object = object
        consultation.state = state
        consultation.procedureType = procedure
        return consultation
    }

    @Test func eachCriterionNarrowsTheList() throws {
        let candidature = try consultation("AOR-C-0611")
        let offer = try consultation(
            "AOR-O-0611", title: "Achat d'ordinateurs - Phase offre", state: .consultation, procedure: .openTender,
            service: 11, deadline: 5_000, online: 4_000)
        let all = [candidature, offer]
        func found(_ search: DashboardSearch, favourites: Set<String> = []) -> [String] {
            all.filter { search.matches($0, isFavourite: favourites.contains($0.reference.value)) }
                .map(\.reference.value)
        }
        #expect(found(DashboardSearch()) == ["AOR-C-0611", "AOR-O-0611"])
        #expect(found(DashboardSearch(reference: "aor-c")) == ["AOR-C-0611"])
        #expect(found(DashboardSearch(reference: "0611")) == ["AOR-C-0611", "AOR-O-0611"])
        #expect(found(DashboardSearch(text: "phase OFFRE")) == ["AOR-O-0611"])
        #expect(found(DashboardSearch(text: "materiel ordinateurs")) == ["AOR-C-0611", "AOR-O-0611"])
        #expect(found(DashboardSearch(text: "toiture")) == [])
        #expect(found(DashboardSearch(state: .consultation)) == ["AOR-O-0611"])
        #expect(found(DashboardSearch(procedure: .restrictedTender)) == ["AOR-C-0611"])
        #expect(found(DashboardSearch(serviceID: 11)) == ["AOR-O-0611"])
        #expect(found(DashboardSearch(deadlineFrom: 2_001)) == ["AOR-O-0611"])
        #expect(found(DashboardSearch(deadlineTo: 2_000)) == ["AOR-C-0611"])
        #expect(found(DashboardSearch(onlineFrom: 1_000, onlineTo: 3_999)) == ["AOR-C-0611"])
        #expect(found(DashboardSearch(favouritesOnly: true), favourites: ["AOR-O-0611"]) == ["AOR-O-0611"])
        #expect(!DashboardSearch().isFiltering)
        #expect(DashboardSearch(favouritesOnly: true).isFiltering)
    }

    @Test func theQueryOfThePageIsRead() throws {
        let search = try DashboardSearch(query: [
            "reference": " AOR ", "texte": "", "etat": "consultation", "procedure": "appel-d-offres-restreint",
            "service": "12", "limiteDu": "2026-12-01", "limiteAu": "01/12/2026", "favoris": "1",
        ])
        #expect(search.reference == "AOR")
        #expect(search.text == nil)
        #expect(search.state == .consultation)
        #expect(search.procedure == .restrictedTender)
        #expect(search.serviceID == 12)
        // 1 December 2026, midnight in Paris (UTC+1), to the last second of that day.
        #expect(search.deadlineFrom == 1_796_079_600)
        #expect(search.deadlineTo == search.deadlineFrom.map { $0 + 86_399 })
        #expect(search.favouritesOnly)
        #expect(try DashboardSearch(query: [:]) == DashboardSearch())
    }

    @Test(arguments: [
        (["etat": "archivee"], "étape"), (["procedure": "x"], "procédure"), (["service": "abc"], "service"),
        (["limiteDu": "2026-13-01"], "date limite du"), (["miseEnLigneAu": "demain"], "mise en ligne au"),
        (["limiteDu": "2026-12-02", "limiteAu": "2026-12-01"], "date limite au"),
    ])
    func aWrongCriterionIsRefusedNamingItsField(query: [String: String], field: String) {
        do {
            _ = try DashboardSearch(query: query)
            Issue.record("\(query) was accepted")
        } catch {
            guard case .invalidField(let named, _) = error else { return }
            #expect(named == field)
        }
    }
}
