import CoreCMS
import CoreModel
import CorePlatformAPI
import CoreSeal
import CoreTokens
import Crypto
import Foundation
import X509

/// One run of `sceau-assistant deposit`: seals the files into the state directory, starts the deposit
/// (or takes up the one of an earlier run), sends the chunks the platform still lacks a few at a time,
/// completes it and keeps the receipt. Running it again with the same files resumes.
struct DepositRun: Sendable {
    /// A file to deposit: `--envelope ENV=FILE`, the path made absolute.
    struct Input: Sendable {
        let envelope: String
        let path: String
    }

    /// What the run ends with.
    struct Outcome: Sendable {
        let directory: URL
        let depositID: Int64
        /// The platform's answer, as saved in `receipt.json`.
        let receiptJSON: Data
        let receipt: PlatformAPI.Receipt
        let chunksSent: Int
        let chunksAlreadyStored: Int
    }

    let client: PlatformClient
    let reference: String
    let inputs: [Input]
    let stateBase: URL
    let parallel: Int
    /// Starts a new deposit even when an earlier run of the same command completed one.
    let fresh: Bool
    /// Test hook: stop as a network cut would once this many chunks are acknowledged.
    let interruptAfterChunks: Int?
    let log: @Sendable (String) -> Void

    func run() async throws(DepositError) -> Outcome {
        let recipients = try await fetchRecipients()
        let consultation = recipients.consultation
        for input in inputs where !consultation.envelopes.contains(input.envelope) {
            throw .input(
                "The consultation \(reference) has no envelope « \(input.envelope) »: it has "
                    + "\(consultation.envelopes.joined(separator: ", ")). Give --envelope ENVELOPE=FILE with one of them."
            )
        }
        let certificates: [Certificate]
        do {
            certificates = try recipients.certificates.flatMap { try PEMCertificates.parse($0) }
        } catch {
            throw .failed("The platform published a certificate that cannot be read (\(error)): tell its operator.")
        }
        if consultation.encryption, certificates.isEmpty {
            throw .refused(
                "The consultation \(reference) publishes no encryption certificate: the buyer must add a key; "
                    + "contact them before the deadline (\(consultation.deadlineText)).")
        }
        let directory = DepositState.directory(
            base: stateBase, platform: client.base, consultation: reference, login: client.login,
            files: inputs.map { ($0.envelope, $0.path) })
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed(
                "Cannot create the state directory \(directory.path) (\(error)): choose another with --state-dir.")
        }
        var state = try prepare(
            directory: directory, sealFor: consultation.encryption ? certificates : nil,
            previous: DepositState.load(from: directory))
        if fresh { state.depositID = nil }
        try state.save(to: directory)

        var deposit: PlatformAPI.Deposit?
        if let id = state.depositID { deposit = try await existingDeposit(id) }
        if let deposit, deposit.state != .uploading {
            log("Deposit \(deposit.id) is already complete: fetching its receipt.")
            let (data, receipt) = try await keepReceipt(
                try await client.request("GET", "/api/deposits/\(deposit.id)/receipt"), directory: directory)
            return Outcome(
                directory: directory, depositID: deposit.id, receiptJSON: data, receipt: receipt, chunksSent: 0,
                chunksAlreadyStored: deposit.files.reduce(0) { $0 + $1.chunkCount })
        }
        let current: PlatformAPI.Deposit
        if let deposit {
            current = deposit
        } else {
            current = try await startDeposit()
            state.depositID = current.id
            try state.save(to: directory)
        }
        log("Deposit \(current.id) for \(reference) (deadline \(consultation.deadlineText)).")

        var sent = 0
        var alreadyStored = 0
        var attempt = 0
        while true {
            var status = current
            if attempt > 0, let fresh = try await existingDeposit(current.id) { status = fresh }
            let jobs = try await announce(state, directory: directory, on: status)
            let total = jobs.files.reduce(0) { $0 + $1.chunkCount }
            if attempt == 0 { alreadyStored = total - jobs.chunks.count }
            log(
                "Sending \(jobs.chunks.count) chunk(s) of \(total) (\(total - jobs.chunks.count) already on the platform)."
            )
            sent += try await upload(jobs.chunks, sentBefore: sent)
            let answer = try await client.request("POST", "/api/deposits/\(current.id)/complete")
            if answer.status == 409, attempt < 2, answer.message.contains("manquant") {
                attempt += 1
                continue
            }
            if answer.status == 409 {
                throw .refused(
                    "The platform did not complete deposit \(current.id): \(answer.message) "
                        + "Give every file with --envelope ENV=FILE and run again.")
            }
            let (data, receipt) = try await keepReceipt(answer, directory: directory)
            return Outcome(
                directory: directory, depositID: current.id, receiptJSON: data, receipt: receipt, chunksSent: sent,
                chunksAlreadyStored: alreadyStored)
        }
    }

    private func fetchRecipients() async throws(DepositError) -> PlatformAPI.Recipients {
        let path = "/api/public/consultations/\(Self.escape(reference))/recipients"
        let answer = try await client.request("GET", path)
        if answer.status == 404 {
            throw .refused(
                "The consultation \(reference) is not online on \(client.base): the reference is unknown, "
                    + "the consultation is not published yet, or its deadline has passed and no deposit is possible. "
                    + "Check the reference on the consultation's page.")
        }
        let recipients = try client.decode(PlatformAPI.Recipients.self, answer)
        if recipients.consultation.deadline <= Int64(Date().timeIntervalSince1970) {
            throw .refused(
                "The deadline of \(reference) has passed (\(recipients.consultation.deadlineText)): "
                    + "the platform accepts no deposit any more.")
        }
        return recipients
    }

    /// Seals each file into `directory` unless the previous run's sealed copy is still that of the same
    /// file; a changed file means a new deposit.
    private func prepare(
        directory: URL, sealFor certificates: [Certificate]?, previous: DepositState?
    ) throws(DepositError) -> DepositState {
        var entries: [DepositState.Entry] = []
        for (position, input) in inputs.enumerated() {
            let attributes: [FileAttributeKey: Any]
            do {
                attributes = try FileManager.default.attributesOfItem(atPath: input.path)
            } catch {
                throw .input("Cannot read \(input.path): check the path and its permissions.")
            }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let base = (input.path as NSString).lastPathComponent
            let name = certificates == nil ? base : base + ".p7m"
            if entries.contains(where: { $0.envelope == input.envelope && $0.name == name }) {
                throw .input("Two files named \(base) in the envelope \(input.envelope): rename one of them.")
            }
            if let old = previous?.files.first(where: {
                $0.envelope == input.envelope && $0.source == input.path && $0.name == name
            }), old.sourceSize == size, old.sourceModified == modified,
                FileManager.default.fileExists(atPath: uploadURL(old, in: directory).path)
            {
                entries.append(old)
                continue
            }
            let upload: String
            if let certificates {
                upload = "\(position + 1)-\(input.envelope)-\(name)"
                log("Sealing \(input.path) for \(certificates.count) recipient(s).")
                do {
                    try PliSealer(recipients: certificates).seal(
                        URL(fileURLWithPath: input.path), to: directory.appendingPathComponent(upload))
                } catch {
                    throw .failed("Sealing \(input.path) failed: \(error)")
                }
            } else {
                upload = input.path
            }
            let url = certificates == nil ? URL(fileURLWithPath: upload) : directory.appendingPathComponent(upload)
            let sealedSize =
                ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
            entries.append(
                DepositState.Entry(
                    envelope: input.envelope, source: input.path, sourceSize: size, sourceModified: modified,
                    name: name, upload: upload, size: sealedSize, sha256: try DepositState.sha256(of: url)))
        }
        var state = DepositState(
            platform: client.base, consultation: reference, login: client.login,
            depositID: previous?.depositID, files: entries)
        if previous?.files != entries { state.depositID = nil }
        return state
    }

    private func uploadURL(_ entry: DepositState.Entry, in directory: URL) -> URL {
        entry.upload.hasPrefix("/")
            ? URL(fileURLWithPath: entry.upload) : directory.appendingPathComponent(entry.upload)
    }

    private func existingDeposit(_ id: Int64) async throws(DepositError) -> PlatformAPI.Deposit? {
        let answer = try await client.request("GET", "/api/deposits/\(id)")
        if answer.status == 404 { return nil }
        return try client.decode(PlatformAPI.Deposit.self, answer)
    }

    private func startDeposit() async throws(DepositError) -> PlatformAPI.Deposit {
        let body = (try? JSONSerialization.data(withJSONObject: ["consultation": reference])) ?? Data()
        let answer = try await client.request("POST", "/api/deposits", body: body)
        return try client.decode(PlatformAPI.Deposit.self, answer, expecting: 201)
    }

    /// `POST /api/deposits/{id}/files`.
    private struct NewFile: Encodable {
        let envelope: String
        let name: String
        let size: Int64
        let sha256: String
    }

    /// A chunk to send.
    struct Chunk: Sendable {
        let url: URL
        let depositID: Int64
        let fileID: Int64
        let index: Int
        let offset: Int64
        let length: Int
    }

    /// Announces the files the platform does not have yet; returns every file and the chunks missing.
    private func announce(
        _ state: DepositState, directory: URL, on deposit: PlatformAPI.Deposit
    ) async throws(DepositError) -> (files: [PlatformAPI.DepositFile], chunks: [Chunk]) {
        var files: [PlatformAPI.DepositFile] = []
        var chunks: [Chunk] = []
        for entry in state.files {
            var file = deposit.files.first { $0.envelope == entry.envelope && $0.name == entry.name }
            if let found = file, found.sha256 != entry.sha256 || found.size != entry.size {
                throw .failed(
                    "Deposit \(deposit.id) already holds another \(entry.name) in \(entry.envelope): "
                        + "run the command again with --new to start a new deposit.")
            }
            if file == nil {
                let body =
                    (try? JSONEncoder().encode(
                        NewFile(envelope: entry.envelope, name: entry.name, size: entry.size, sha256: entry.sha256)))
                    ?? Data()
                let answer = try await client.request("POST", "/api/deposits/\(deposit.id)/files", body: body)
                // 200: the platform already had it (our first announcement's answer was lost).
                file = try client.decode(
                    PlatformAPI.DepositFile.self, answer, expecting: answer.status == 200 ? 200 : 201)
            }
            guard let file else { continue }
            files.append(file)
            for index in file.stored ? [] : file.missingChunks {
                let offset = Int64(index) * Int64(file.chunkSize)
                chunks.append(
                    Chunk(
                        url: uploadURL(entry, in: directory), depositID: deposit.id, fileID: file.id, index: index,
                        offset: offset, length: Int(min(Int64(file.chunkSize), file.size - offset))))
            }
        }
        return (files, chunks)
    }

    /// Sends the chunks, `parallel` at a time; returns how many the platform acknowledged.
    private func upload(_ chunks: [Chunk], sentBefore: Int) async throws(DepositError) -> Int {
        let client = self.client
        let parallel = max(1, self.parallel)
        let limit = interruptAfterChunks
        do {
            return try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                var acknowledged = 0
                while next < min(parallel, chunks.count) {
                    let chunk = chunks[next]
                    group.addTask { try await Self.send(chunk, client: client) }
                    next += 1
                }
                while try await group.next() != nil {
                    acknowledged += 1
                    if let limit, sentBefore + acknowledged >= limit {
                        group.cancelAll()
                        throw DepositError.unavailable(
                            "Stopped after \(limit) acknowledged chunk(s) (--interrupt-after-chunks): "
                                + "run the same command again to resume.")
                    }
                    if next < chunks.count {
                        let chunk = chunks[next]
                        group.addTask { try await Self.send(chunk, client: client) }
                        next += 1
                    }
                }
                return acknowledged
            }
        } catch let error as DepositError {
            throw error
        } catch {
            throw .failed("Sending the chunks failed: \(error)")
        }
    }

    private static func send(_ chunk: Chunk, client: PlatformClient) async throws(DepositError) {
        let bytes = try read(chunk)
        let hash = SHA256.hash(data: bytes).hex
        let answer = try await client.request(
            "PUT", "/api/deposits/\(chunk.depositID)/files/\(chunk.fileID)/chunks/\(chunk.index)", body: bytes,
            json: false, headers: ["X-Chunk-SHA256": hash])
        guard answer.status == 204 || answer.status == 200 else { throw PlatformClient.refusal(answer) }
    }

    private static func read(_ chunk: Chunk) throws(DepositError) -> Data {
        do {
            let handle = try FileHandle(forReadingFrom: chunk.url)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(chunk.offset))
            let data = try handle.read(upToCount: chunk.length) ?? Data()
            guard data.count == chunk.length else {
                throw DepositError.failed("\(chunk.url.path) is shorter than announced: run again with --new.")
            }
            return data
        } catch let error as DepositError {
            throw error
        } catch {
            throw .failed("Cannot read \(chunk.url.path) (\(error)): check the state directory.")
        }
    }

    /// Reads a receipt answer and saves it as `receipt.json` beside the state.
    private func keepReceipt(_ answer: PlatformClient.Answer, directory: URL) async throws(DepositError)
        -> (Data, PlatformAPI.Receipt)
    {
        let receipt = try client.decode(PlatformAPI.Receipt.self, answer)
        try Self.checkTimestamp(of: receipt)
        do {
            try answer.body.write(to: directory.appendingPathComponent("receipt.json"), options: .atomic)
        } catch {
            throw .failed(
                "The deposit is complete but receipt.json could not be written in \(directory.path): \(error)")
        }
        return (answer.body, receipt)
    }

    /// A receipt's RFC 3161 token must stamp that very receipt: its message imprint is the SHA-256 of the
    /// receipt's canonical JSON.
    static func checkTimestamp(of answer: PlatformAPI.Receipt) throws(DepositError) {
        guard let text = answer.timestampToken else { return }
        let stamped: [UInt8]
        let expected: [UInt8]
        do {
            guard let der = Data(base64Encoded: text) else { throw DepositError.failed("it is not base64") }
            stamped = try TimestampToken(derEncoded: Array(der)).info.imprint.hash
            expected = try answer.receipt.digest()
        } catch {
            throw .failed(
                "The platform's receipt carries a time-stamp that cannot be read (\(error)): tell its operator.")
        }
        guard stamped == expected else {
            throw .failed(
                "The platform's receipt carries a time-stamp of another document: keep receipt.json and tell its operator."
            )
        }
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
