import Foundation
import PlatformTestSupport
import Synchronization
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Letters without storage: template variables, the PDF read back by `pdftotext`, CSV escaping, and the
/// agents' notification mails.
struct LetterTests {
    static let everyVariable = LetterVariable.allCases.map { "\($0.rawValue)=${\($0.rawValue)}" }
        .joined(separator: "\n")

    @Test func everyVariableIsRendered() throws {
        var values: [LetterVariable: String] = [:]
        for variable in LetterVariable.allCases { values[variable] = "«\(variable.rawValue)-valeur»" }
        let text = try LetterText.render(Self.everyVariable, values: values)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == LetterVariable.allCases.count)
        for (line, variable) in zip(lines, LetterVariable.allCases) {
            #expect(line == "\(variable.rawValue)=«\(variable.rawValue)-valeur»")
        }
        #expect(!text.contains("${"))
    }

    @Test func unknownVariableIsRefusedInFrench() {
        #expect(throws: DomainError.self) { try LetterText.parse("Bonjour ${nomInconnu},") }
        do {
            try LetterTemplate(name: "Relance", body: "Bonjour ${nomInconnu},").validate()
            Issue.record("an unknown variable was accepted")
        } catch {
            #expect(error.description.contains("la variable « ${nomInconnu} » n'existe pas"))
            #expect(error.description.contains("${numeroDemande}"))
        }
        #expect(throws: DomainError.self) { try LetterText.parse("Bonjour ${nomDemandeur") }
        #expect(throws: DomainError.self) { try LetterTemplate(name: " ", body: "x").validate() }
    }

    @Test func pdfTextIsReadBackByPdftotext() throws {
        let long = (1...120).map { "Ligne \($0) : Château, élève, cœur, « guillemets » (parenthèses) \\ 30 €" }
        let text = "Madame Anne Légrand,\nVotre demande 2027-000042 est complète.\n" + long.joined(separator: "\n")
        let pdf = TextPDF.document(text, title: "Courrier")
        #expect(String(decoding: pdf.prefix(8), as: UTF8.self) == "%PDF-1.4")
        let read = try Self.pdftotext(pdf)
        #expect(read.contains("Madame Anne Légrand,"))
        #expect(read.contains("Votre demande 2027-000042 est complète."))
        #expect(read.contains("Ligne 1 : Château, élève, cœur, « guillemets » (parenthèses) \\ 30 €"))
        #expect(read.contains("Ligne 120 : Château"))
        // 122 lines do not fit one page: pdftotext separates pages with a form feed.
        #expect(read.components(separatedBy: "\u{0C}").filter { !$0.isEmpty }.count == 3)
    }

    @Test func longLinesAreWrappedAtWords() {
        let words = Array(repeating: "mot", count: 60).joined(separator: " ")
        let lines = TextPDF.wrap(words)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= TextPDF.lineLength })
        #expect(lines.joined(separator: " ") == words)
    }

    /// Runs `pdftotext` on `pdf` (a synchronous test: waiting here blocks no cooperative thread).
    static func pdftotext(_ pdf: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-pdf-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("courrier.pdf")
        let output = directory.appendingPathComponent("courrier.txt")
        try Data(pdf).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", input.path, output.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(complaint.isEmpty, "pdftotext: \(complaint)")
        return try String(contentsOf: output, encoding: .utf8)
    }

    @Test func trackingCSVIsEscapedForSpreadsheets() {
        let table = BackOfficeTracking.Table(
            title: "Demandes par téléservice et par mois", header: ["Téléservice", "Mois", "Nombre"],
            rows: [["=HYPERLINK(\"x\")", "2027-04", "2"], ["Cantine; périscolaire", "2027-05", "1"]])
        let csv = table.csv
        #expect(csv.hasPrefix("\u{FEFF}Téléservice;Mois;Nombre\r\n"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\";2027-04;2\r\n"))
        #expect(csv.contains("\"Cantine; périscolaire\";2027-05;1\r\n"))
    }

    static func summary(_ id: Int64, number: String, quality: QualityLevel?) -> CitizenRequestService.Summary {
        CitizenRequestService.Summary(
            request: CitizenRequest(
                id: id, number: number, teleserviceID: 1, categoryID: 1, requesterName: "Anne Legrand",
                subjectName: "Léo Legrand", createdAt: 1_806_998_400, updatedAt: 1_806_998_400),
            teleserviceName: "Inscription scolaire", quality: quality)
    }

    @Test func notificationsAreDetailedOrSummarisedPerAgent() async throws {
        let sent = MailRecorder()
        let notifications = AgentNotifications(origin: "https://sceau.example") { to, subject, body in
            sent.record(.init(to: to, subject: subject, body: body))
        }
        let recipients = [
            AgentNotifications.Recipient(email: "detail@cergy.invalid", preference: .detailed),
            AgentNotifications.Recipient(email: "resume@cergy.invalid", preference: .summary),
        ]
        try await notifications.newRequest(Self.summary(7, number: "2027-000007", quality: .onTime), to: recipients)
        try await notifications.qualityAlerts(
            urgent: [Self.summary(8, number: "2027-000008", quality: .urgent)],
            late: [
                Self.summary(9, number: "2027-000009", quality: .late),
                Self.summary(10, number: "2027-000010", quality: .late),
            ], to: recipients)
        try await notifications.qualityAlerts(urgent: [], late: [], to: recipients)
        let mails = sent.mails
        try #require(mails.count == 4)
        #expect(
            mails.map(\.to) == [
                "detail@cergy.invalid", "resume@cergy.invalid", "detail@cergy.invalid", "resume@cergy.invalid",
            ])
        #expect(mails[0].subject == "Nouvelle demande 2027-000007 — Inscription scolaire")
        #expect(mails[0].body.contains("https://sceau.example/espace-agent/demarches/7"))
        #expect(mails[0].body.contains("Demandeur : Anne Legrand"))
        #expect(!mails[1].body.contains("2027-000007"))
        #expect(mails[1].body.contains("https://sceau.example/espace-agent/demarches."))
        #expect(mails[2].subject == "Alertes qualité de service : 2 en retard, 1 urgente(s)")
        #expect(mails[2].body.contains("- 2027-000009"))
        #expect(mails[2].body.contains("- 2027-000010"))
        #expect(mails[2].body.contains("- 2027-000008"))
        #expect(mails[3].body.contains("2 demande(s) en retard et 1 demande(s) urgente(s)"))
        #expect(!mails[3].body.contains("2027-000009"))
    }
}

/// The mails a test's `send` closure received.
final class MailRecorder: Sendable {
    private let sent = Mutex<[AgentNotifications.Mail]>([])

    func record(_ mail: AgentNotifications.Mail) { sent.withLock { $0.append(mail) } }

    var mails: [AgentNotifications.Mail] { sent.withLock { $0 } }
}
