import CoreModel
import CorePlatformAPI
import CoreProtocol
import CoreSignatures
import CoreTokens
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension RPCSession {
    /// The steps of a deposit job, as the company's page shows them.
    static let depositSteps = [
        "Réception des fichiers", "Signature des fichiers", "Chiffrement et envoi des fichiers", "Dépôt terminé",
    ]

    /// `jobs.start` with a deposit descriptor (`depot`): checks the platform's signature and the files the
    /// page announces, receives them, then in the background claims the job's credential, signs the files
    /// when the consultation requires it (PIN through pinentry), seals them for the published recipients
    /// and deposits them (``DepositRun``), the receipt kept in the job's folder.
    func startDeposit(_ params: JobsStartParams, frames: WebSocketFrames) async throws -> JobsStartResult {
        guard let remoteJobs else {
            throw JSONRPC.ErrorObject(code: AssistantErrorCode.jobFailed, message: "Remote jobs are not available.")
        }
        let platform: PlatformOrigin
        let publicKeyPEM: String
        do {
            (platform, publicKeyPEM) = try await remoteJobs.pinnedKey(of: origin)
        } catch {
            throw JSONRPC.ErrorObject(code: AssistantErrorCode.jobFailed, message: String(describing: error))
        }
        let descriptor: PlatformAPI.DepositJobDescriptor
        do {
            descriptor = try PlatformAPI.DepositJobDescriptor.verified(
                descriptor: params.descriptor, signature: params.signature, publicKeyPEM: publicKeyPEM)
        } catch {
            throw JSONRPC.ErrorObject(code: AssistantErrorCode.jobFailed, message: error.description)
        }
        guard (try? PlatformOrigin(descriptor.platform)) == platform else {
            throw JSONRPC.ErrorObject(
                code: AssistantErrorCode.jobFailed,
                message: "This deposit was issued by \(descriptor.platform), not by \(origin): it was refused.")
        }
        guard descriptor.tokenExpiresAt > Int64(Date().timeIntervalSince1970) else {
            throw JSONRPC.ErrorObject(
                code: AssistantErrorCode.jobFailed,
                message: "This deposit's token has expired: click « Déposer » again.")
        }
        let files = try checkedFiles(params.files ?? [], for: descriptor)
        if descriptor.consultation.signatureRequired, params.token == nil || params.key == nil {
            throw JSONRPC.ErrorObject.invalidParams(
                "This consultation requires signed files: choose the signing certificate (token and key).")
        }
        let job = await jobs.start(
            id: descriptor.id, kind: PlatformAPI.DepositJobDescriptor.kind,
            title: "Dépôt de la réponse — \(descriptor.consultation.reference)", origin: origin,
            session: secret, steps: Self.depositSteps)
        let workFolder = try WorkFolder(in: settings.workDirectory, prefix: "depot-")
        let folder = workFolder.url
        var inputs: [DepositRun.Input] = []
        do {
            await job.beginStep(0)
            let total = files.reduce(0) { $0 + $1.size }
            var received: Int64 = 0
            for (position, file) in files.enumerated() {
                let directory = folder.appendingPathComponent("\(position + 1)", isDirectory: true)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let url = directory.appendingPathComponent(file.name)
                let before = received
                try await frames.receive(file.size, into: url) { await job.progress(done: before + $0, total: total) }
                received += file.size
                inputs.append(DepositRun.Input(envelope: file.envelope, path: url.path))
            }
        } catch {
            await job.fail(error)
            workFolder.remove()
            throw Self.rpcError(error)
        }
        let work = DepositWork(
            descriptor: descriptor, jobToken: params.jobToken, token: params.token, key: params.key, inputs: inputs,
            folder: workFolder, pins: pins, origin: origin, timestampURL: settings.timestampURL)
        Task.detached { await work.run(job) }
        return JobsStartResult(jobId: descriptor.id, resumed: false)
    }

    /// The announced files, checked: plain names, envelopes of the consultation, sizes the assistant accepts.
    private func checkedFiles(_ files: [JobFile], for descriptor: PlatformAPI.DepositJobDescriptor) throws
        -> [JobFile]
    {
        guard !files.isEmpty else { throw JSONRPC.ErrorObject.invalidParams("files: give at least one file") }
        return try files.map { file in
            guard descriptor.consultation.envelopes.contains(file.envelope) else {
                throw JSONRPC.ErrorObject.invalidParams(
                    "files: the consultation has no envelope « \(file.envelope) » "
                        + "(it has \(descriptor.consultation.envelopes.joined(separator: ", ")))")
            }
            guard file.size >= 0, file.size <= settings.maximumFileSize else {
                throw JSONRPC.ErrorObject(
                    code: AssistantErrorCode.fileTooLarge,
                    message: "\(file.name) is larger than the \(settings.maximumFileSize) bytes the assistant accepts.")
            }
            return JobFile(envelope: file.envelope, name: try Self.safeName(file.name), size: file.size)
        }
    }
}

/// The background part of a deposit job, once the page's files are in the job's folder.
private struct DepositWork: Sendable {
    let descriptor: PlatformAPI.DepositJobDescriptor
    let jobToken: String
    let token: String?
    let key: String?
    let inputs: [DepositRun.Input]
    /// The job's files, kept (and locked) until the run ends.
    let folder: WorkFolder
    let pins: any PINSource
    let origin: String
    let timestampURL: URL?

    func run(_ job: JobHandle) async {
        defer { folder.remove() }
        do {
            let credential = try await claim()
            await job.beginStep(1)
            let files = descriptor.consultation.signatureRequired ? try await signed(inputs, job: job) : inputs
            if job.isCancelled { throw JobCancelled() }
            await job.beginStep(2)
            let client = PlatformClient(
                platform: descriptor.platform, job: descriptor.id, credential: credential, retries: 6, connections: 4)
            let run = DepositRun(
                client: client, reference: descriptor.consultation.reference, inputs: files,
                stateBase: folder.url.appendingPathComponent("etat", isDirectory: true), parallel: 4, fresh: false,
                interruptAfterChunks: nil,
                log: { message in Task { await job.progress(done: 0, total: nil, detail: message) } })
            let outcome = try await run.run()
            await job.progress(
                done: 1, total: 1,
                detail: "Dépôt n° \(outcome.depositID) enregistré : \(outcome.receipt.receipt.receivedAtText).")
            await job.succeed()
        } catch {
            await job.fail(error)
        }
    }

    /// Trades the one-time job token for the credential that stands for the company on the deposit API.
    private func claim() async throws -> String {
        var base = descriptor.platform
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + PlatformAPI.DepositJobRoute.claim(descriptor.id)) else {
            throw DepositError.failed("The platform's origin \(descriptor.platform) is not a URL.")
        }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("Bearer \(jobToken)", forHTTPHeaderField: "Authorization")
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.detachedData(for: request)
        } catch {
            throw DepositError.unavailable(
                "The platform \(base) cannot be reached (\(error.localizedDescription)): click « Déposer » again.")
        }
        guard let status = (response as? HTTPURLResponse)?.statusCode, status == 200,
            let answer = try? JSONDecoder().decode(PlatformAPI.RemoteJobCredential.self, from: data)
        else {
            throw DepositError.refused(
                "The platform refused this deposit's token (already used, expired, or not this deposit's): "
                    + "click « Déposer » again.")
        }
        return answer.credential
    }

    /// Each file and its detached CAdES signature (the seed's name), signed with the key the page chose
    /// after the user typed the PIN in pinentry.
    private func signed(_ inputs: [DepositRun.Input], job: JobHandle) async throws -> [DepositRun.Input] {
        guard let token, let key else { return inputs }
        let library = try await offCooperativePool { try P11Library.registered() }
        let names = inputs.map { ($0.path as NSString).lastPathComponent }.joined(separator: ", ")
        let signingKey = try await KeyOpener.token(
            token, key: key, library: library, pins: pins,
            purpose: "\(origin) veut signer votre réponse à \(descriptor.consultation.reference) (\(names))")
        let signer = DocumentSigner(
            key: signingKey, format: .cades, level: timestampURL == nil ? .basic : .timestamp,
            timestampURL: timestampURL)
        var result: [DepositRun.Input] = []
        for input in inputs {
            if job.isCancelled { throw JobCancelled() }
            let file = URL(fileURLWithPath: input.path)
            let signature = try await signer.sign(file, outputDirectory: file.deletingLastPathComponent())
            result.append(input)
            result.append(DepositRun.Input(envelope: input.envelope, path: signature.path))
        }
        return result
    }
}
