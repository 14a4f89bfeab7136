import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Templates and "Contacter le citoyen" on real storage, SQLite and PostgreSQL.
extension DatabaseTests {
    struct LettersServiceTests {
        static func letters(_ f: RequestFixture) -> LettersService {
            var letters = LettersService(database: f.database, now: { f.clock.now })
            letters.settings.lockDuration = 600
            return letters
        }

        @Test(arguments: StorageBackend.available)
        func contactFillsEveryVariableAndGoesIntoTheHistory(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let letters = Self.letters(f)
                // Only managers write templates; an unknown variable is refused.
                await #expect(throws: DomainError.self) {
                    _ = try await letters.save(LetterTemplate(name: "Relance", body: "x"), by: f.instructor)
                }
                await #expect(throws: DomainError.self) {
                    _ = try await letters.save(LetterTemplate(name: "Relance", body: "${inconnue}"), by: f.manager)
                }
                let template = try await letters.save(
                    LetterTemplate(name: "Tout", body: LetterTests.everyVariable), by: f.manager)
                let templateID = try #require(template.id)
                #expect(try await letters.templates().map(\.name) == ["Tout"])
                // A reader composes (read only) but cannot contact.
                _ = try await letters.compose(
                    f.requestID, template: templateID, channel: "courrier", observation: "", by: f.reader)
                await #expect(throws: DomainError.self) {
                    _ = try await letters.contact(
                        f.requestID, template: templateID, channel: "courrier", observation: "", by: f.reader)
                }
                // Without access to the category, the request does not exist.
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    _ = try await letters.compose(
                        f.requestID, template: templateID, channel: "courrier", observation: "", by: f.outsider)
                }
                await #expect(throws: DomainError.self) {
                    _ = try await letters.contact(
                        f.requestID, template: templateID, channel: "pigeon", observation: "", by: f.instructor)
                }
                f.clock.advance(86_400)
                let letter = try await letters.contact(
                    f.requestID, template: templateID, channel: "courrier",
                    observation: "  Merci de fournir un justificatif récent. ", by: f.instructor)
                let lines = Dictionary(
                    letter.text.split(separator: "\n").map {
                        let parts = $0.split(separator: "=", maxSplits: 1).map(String.init)
                        return (parts[0], parts.count > 1 ? parts[1] : "")
                    }, uniquingKeysWith: { first, _ in first })
                #expect(lines["numeroDemande"] == f.request.number)
                #expect(lines["libelleDemande"] == "Inscription scolaire")
                #expect(lines["dateCreation"] == "06/04/2027")
                #expect(lines["dateValidation"] == "")
                #expect(lines["observation"] == "Merci de fournir un justificatif récent.")
                #expect(lines["numeroFoyer"] == String(f.household.id ?? 0))
                #expect(lines["civiliteDemandeur"] == "Mme")
                #expect(lines["nomDemandeur"] == "Anne Legrand")
                #expect(lines["civiliteSujet"] == "M.")
                #expect(lines["nomSujet"] == "Léo Legrand")
                #expect(lines["adresseFoyer"] == "2 rue du Parc 95000 Cergy")
                #expect(lines["date"] == "07/04/2027")
                let pdf = try LetterTests.pdftotext(letter.pdf)
                #expect(pdf.contains("nomSujet=Léo Legrand"))
                // The exchange is in the history, by the agent, with channel, template and message.
                let detail = try await f.service.detail(f.requestID, for: f.manager)
                let entry = try #require(detail.history.last)
                #expect(entry.action == "request.citizen-contacted")
                #expect(entry.author == .agent(f.instructor))
                #expect(entry.at == RequestFixture.start + 86_400)
                #expect(
                    entry.summary
                        == "Citoyen contacté par « Courrier » avec le modèle « Tout » — message : Merci de fournir un justificatif récent."
                )
                #expect(detail.request.lastAgentID == f.instructor)
                // A postal letter stays out of the citizen's space; one by e-mail is posted there.
                let before = try await f.service.citizenNotes(f.requestID, household: f.household.id ?? 0)
                #expect(before.filter { $0.kind == .public }.isEmpty)
                let mail = try await letters.contact(
                    f.requestID, template: templateID, channel: "email", observation: "Par e-mail", by: f.instructor)
                let notes = try await f.service.citizenNotes(f.requestID, household: f.household.id ?? 0)
                    .filter { $0.kind == .public }
                #expect(notes.map(\.text) == [mail.text])
                #expect(notes.first?.kind == .public && notes.first?.agentID == f.instructor)
                #expect(mail.delivery == nil)
                // The contact took the lock: a colleague cannot contact meanwhile.
                await #expect(throws: RequestError.self) {
                    _ = try await letters.contact(
                        f.requestID, template: templateID, channel: "email", observation: "", by: f.colleague)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func anEmailLetterIsSentToTheHouseholdThroughTheRelay(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let mailer = RecordingMailer()
                var letters = Self.letters(f)
                letters.mailer = mailer
                letters.sender = "mairie@cergy.invalid"
                let template = try await letters.save(
                    LetterTemplate(name: "Pièce manquante", body: "Demande ${numeroDemande} : ${observation}"),
                    by: f.manager)
                let templateID = try #require(template.id)
                // A postal letter sends nothing.
                let postal = try await letters.contact(
                    f.requestID, template: templateID, channel: "courrier", observation: "x", by: f.instructor)
                #expect(postal.delivery == nil && mailer.messages.isEmpty)
                // By e-mail: to the household's address, the letter as body.
                let mail = try await letters.contact(
                    f.requestID, template: templateID, channel: "email", observation: "Fournir un RIB.",
                    by: f.instructor)
                #expect(mail.delivery == .sent(to: "legrand@example.invalid"))
                let sent = try #require(mailer.messages.first)
                #expect(sent.to == "legrand@example.invalid" && sent.from == "mairie@cergy.invalid")
                #expect(sent.subject == "Votre demande \(f.request.number) — Pièce manquante")
                #expect(sent.body == "Demande \(f.request.number) : Fournir un RIB.")
                // The relay down: the exchange is still recorded and posted, and the agent is told.
                mailer.fail(true)
                let failed = try await letters.contact(
                    f.requestID, template: templateID, channel: "email", observation: "Relance", by: f.instructor)
                guard case .failed(let reason) = failed.delivery else {
                    Issue.record("delivery \(String(describing: failed.delivery))")
                    return
                }
                #expect(reason.contains("relais de test en panne"))
                #expect(failed.delivery?.description.contains("reste lisible dans l'espace du citoyen") == true)
                let notes = try await f.service.citizenNotes(f.requestID, household: f.household.id ?? 0)
                #expect(notes.contains { $0.text == "Demande \(f.request.number) : Relance" })
                #expect(mailer.messages.count == 1)
            }
        }
    }
}
