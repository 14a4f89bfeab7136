import Foundation
import Testing

@testable import PlatformKernel
@testable import Procurement

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The essential data leave in the DECP 2.0 format: a valid record passes ``DECPValidator``, each broken rule is
/// reported on its field; the JSON has the schema's names and nesting, the XML parses back to the same values.
struct DECPValidatorTests {
    static func record() throws -> DECPRecord {
        var contract = try ContractPolicyTests.contract()
        contract.id = 12
        contract.modifications = [
            ContractModification(
                number: 1, object: "Travaux supplémentaires", amount: EuroAmount(cents: 14_000_000),
                durationMonths: nil, signatureDate: try CalendarDay("2026-05-20", field: "d"),
                publicationDate: try CalendarDay("2026-05-21", field: "d"), recordedBy: 1, recordedAt: 0)
        ]
        return DECPRecord(contract, publishedOn: try CalendarDay("2026-05-16", field: "d"))
    }

    @Test func aValidRecordPasses() throws {
        let record = try Self.record()
        #expect(DECPValidator.violations(of: record).isEmpty)
        #expect(record.id == "2026C000012")
        #expect(record.amount == "125000.5")
    }

    @Test func eachBrokenRuleFails() throws {
        let cases: [(String, (inout DECPRecord) -> Void)] = [
            ("id", { (r: inout DECPRecord) in r.id = "" }),
            ("id", { (r: inout DECPRecord) in r.id = "12345678901234567" }),
            ("acheteur.id", { (r: inout DECPRecord) in r.buyerID = "2159035010001" }),
            ("acheteur.id", { (r: inout DECPRecord) in r.buyerID = "21590350100018" }),
            ("nature", { (r: inout DECPRecord) in r.nature = "Accord-cadre" }),
            ("objet", { (r: inout DECPRecord) in r.object = " " }),
            ("objet", { (r: inout DECPRecord) in r.object = String(repeating: "a", count: 1001) }),
            ("codeCPV", { (r: inout DECPRecord) in r.cpv = "4523314" }),
            ("codeCPV", { (r: inout DECPRecord) in r.cpv = "45233140-12" }),
            ("techniques.technique", { (r: inout DECPRecord) in r.techniques = [] }),
            ("techniques.technique[0]", { (r: inout DECPRecord) in r.techniques = ["Enchère"] }),
            ("modalitesExecution.modaliteExecution[0]", { (r: inout DECPRecord) in r.executionModes = ["Lots"] }),
            ("ccag", { (r: inout DECPRecord) in r.generalConditions = "CCAG-Travaux" }),
            ("offresRecues", { (r: inout DECPRecord) in r.offersReceived = 0 }),
            ("typeGroupementOperateurs", { (r: inout DECPRecord) in r.grouping = "Groupement" }),
            ("procedure", { (r: inout DECPRecord) in r.procedure = "Procédure négociée ouverte" }),
            ("lieuExecution.code", { (r: inout DECPRecord) in r.placeCode = "" }),
            ("lieuExecution.typeCode", { (r: inout DECPRecord) in r.placeCodeType = "Code INSEE" }),
            ("dureeMois", { (r: inout DECPRecord) in r.durationMonths = 0 }),
            ("dateNotification", { (r: inout DECPRecord) in r.notificationDate = "15/05/2026" }),
            ("datePublicationDonnees", { (r: inout DECPRecord) in r.publicationDate = "2026-02-30" }),
            ("datePublicationDonnees", { (r: inout DECPRecord) in r.publicationDate = "2026-05-14" }),
            ("montant", { (r: inout DECPRecord) in r.amount = "0.99" }),
            ("montant", { (r: inout DECPRecord) in r.amount = "125000,5" }),
            ("typesPrix.typePrix[0]", { (r: inout DECPRecord) in r.priceTypes = ["Ferme"] }),
            ("formePrix", { (r: inout DECPRecord) in r.priceForm = "Ferme" }),
            ("titulaires", { (r: inout DECPRecord) in r.holders = [] }),
            ("titulaires[0].titulaire.id", { (r: inout DECPRecord) in r.holders[0].id = "73282932000075" }),
            (
                "titulaires[0].titulaire.typeIdentifiant",
                { (r: inout DECPRecord) in r.holders[0].identifierType = "SIREN" }
            ),
            (
                "typeGroupementOperateurs",
                { (r: inout DECPRecord) in r.holders.append(.init(identifierType: "SIRET", id: "44090956200033")) }
            ),
            ("considerationsSociales.considerationSociale", { (r: inout DECPRecord) in r.socialConsiderations = [] }),
            (
                "considerationsEnvironnementales.considerationEnvironnementale[0]",
                { (r: inout DECPRecord) in r.environmentalConsiderations = ["Verte"] }
            ),
            ("modifications[0].modification.id", { (r: inout DECPRecord) in r.modifications[0].id = 2 }),
            (
                "modifications[0].modification.dateNotificationModification",
                { (r: inout DECPRecord) in r.modifications[0].notificationDate = "2026-5-20" }
            ),
            (
                "modifications[0].modification.datePublicationDonneesModification",
                { (r: inout DECPRecord) in r.modifications[0].publicationDate = "2026-05-19" }
            ),
            ("modifications[0].modification.montant", { (r: inout DECPRecord) in r.modifications[0].amount = "0" }),
            ("modifications[0].modification", { (r: inout DECPRecord) in r.modifications[0].amount = nil }),
        ]
        for (path, breaking) in cases {
            var record = try Self.record()
            breaking(&record)
            let violations = DECPValidator.violations(of: record)
            #expect(violations.map(\.path).contains(path), "\(path): \(violations)")
        }
    }
    @Test func theJSONHasTheSchemasNamesAndNesting() throws {
        let data = try JSONEncoder().encode(try Self.record())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["acheteur"] as? [String: Any])?["id"] as? String == "21590350100017")
        #expect((object["techniques"] as? [String: Any])?["technique"] as? [String] == ["Sans objet"])
        #expect((object["typesPrix"] as? [String: Any])?["typePrix"] as? [String] == ["Définitif révisable"])
        #expect((object["montant"] as? NSNumber)?.doubleValue == 125_000.5)
        #expect(object["dureeMois"] as? Int == 24)
        #expect(object["marcheInnovant"] as? Bool == false)
        let holders = try #require(object["titulaires"] as? [[String: [String: String]]])
        #expect(holders == [["titulaire": ["typeIdentifiant": "SIRET", "id": "73282932000074"]]])
        let modifications = try #require(object["modifications"] as? [[String: [String: Any]]])
        #expect(modifications.first?["modification"]?["id"] as? Int == 1)
        #expect(modifications.first?["modification"]?["datePublicationDonneesModification"] as? String == "2026-05-21")
        #expect(modifications.first?["modification"]?["dureeMois"] == nil)
        // Without modifications, the key is left out (the schema wants one or more).
        var plain = try Self.record()
        plain.modifications = []
        let plainObject = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(plain)) as? [String: Any]
        #expect(plainObject?.keys.contains("modifications") == false)
        #expect(plainObject?.count == 24)
    }

    @Test func theXMLParsesBackToTheSameValues() throws {
        var record = try Self.record()
        record.object = "Voirie <rue> & « trottoirs » \"nord\""
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<marches>\(record.xml)</marches>"
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.texts["marches/marche/objet"] == [record.object])
        #expect(collector.texts["marches/marche/acheteur/id"] == ["21590350100017"])
        #expect(collector.texts["marches/marche/titulaires/titulaire/id"] == ["73282932000074"])
        #expect(collector.texts["marches/marche/montant"] == ["125000.5"])
        #expect(collector.texts["marches/marche/modifications/modification/montant"] == ["140000"])
        #expect(collector.texts["marches/marche/dateNotification"] == ["2026-05-15"])
        #expect(collector.texts["marches/marche/techniques/technique"] == ["Sans objet"])
    }
}

/// The text of each element by its path (`marches/marche/objet`), in document order.
final class XMLCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
    var texts: [String: [String]] = [:]
    private var path: [String] = []
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        path.append(elementName)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        texts[path.joined(separator: "/"), default: []].append(text)
        path.removeLast()
        text = ""
    }
}
