import CoreProtocol
import Foundation
import Testing

@testable import Assistant

/// The direct encoder gives the very JSON that `JSONEncoder` (ISO 8601 dates) then `JSONDecoder` give.
struct JSONValueEncoderTests {
    private func roundTrip(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }

    @Test func jobSummariesEncodeAsJSONEncoderWritesThem() throws {
        let start = Date(timeIntervalSince1970: 1_795_000_000.75)
        var job = JobSummary(
            id: "job-1", kind: "decrypt", title: "Déchiffrement « offre.pdf »", origin: "https://plateforme.example",
            startedAt: start, steps: [JobStep(name: "Récupération des fichiers", state: .done), JobStep(name: "Clé")],
            progress: JobProgress(done: 3, total: 10, percent: 30.5, detail: "pli 1 sur 2"))
        #expect(try JSONValueEncoder().encode(job) == roundTrip(job))
        job.state = .failed
        job.endedAt = start.addingTimeInterval(12)
        job.error = "PIN incorrect : recommencez."
        job.progress = JobProgress()
        #expect(try JSONValueEncoder().encode(job) == roundTrip(job))
        let encoded = try JSONValueEncoder().encode(job)
        guard case .object(let fields) = encoded, case .object(let progress) = fields["progress"] else {
            Issue.record("not an object: \(encoded)")
            return
        }
        #expect(fields["startedAt"] == .string("2026-11-18T11:06:40Z"))
        #expect(progress["total"] == nil)
    }

    @Test func nestedCollectionsAndScalarsMatch() throws {
        struct Sample: Encodable {
            let flags: [Bool]
            let table: [String: [Int]]
            let blob: Data
            let link: URL
            let nothing: String?
            let nested: [[Double]]
        }
        let sample = Sample(
            flags: [true, false], table: ["a": [1, 2], "b": []], blob: Data([0, 1, 2, 255]),
            link: URL(string: "https://example.invalid/a?b=c")!, nothing: nil, nested: [[1.5], []])
        #expect(try JSONValueEncoder().encode(sample) == roundTrip(sample))
        #expect(try JSONValueEncoder().encode([1, 2, 3]) == roundTrip([1, 2, 3]))
        #expect(try JSONValueEncoder().encode("texte") == roundTrip("texte"))
    }
}
