import CoreCMS
import CoreModel
import CoreProtocol
import CoreSignatures
import CoreTokens
import Foundation
import X509

extension RPCSession {
    /// `sign`: receives the file, asks the PIN through pinentry (showing the origin and the file), signs
    /// with the token's key, and sends the signature back as binary frames. A job shows each step.
    func sign(_ params: SignParams, frames: WebSocketFrames) async throws -> SignResult {
        guard let format = SignatureFormat(rawValue: params.format) else {
            throw JSONRPC.ErrorObject.invalidParams("format must be pades, cades, xades or asice")
        }
        guard let level = SignatureLevel(rawValue: params.level ?? SignatureLevel.basic.rawValue) else {
            throw JSONRPC.ErrorObject.invalidParams("level must be b-b or b-t")
        }
        guard let digest = DigestAlgorithm(rawValue: params.digest ?? DigestAlgorithm.sha256.rawValue) else {
            throw JSONRPC.ErrorObject.invalidParams("digest must be sha-256, sha-384 or sha-512")
        }
        if level == .timestamp, settings.timestampURL == nil {
            throw JSONRPC.ErrorObject(
                code: AssistantErrorCode.jobFailed,
                message: "Level b-t needs a time-stamping authority configured in the assistant (serve --tsa).")
        }
        let name = try Self.safeName(params.fileName)
        try checkSize(params.size)
        let job = await jobs.start(
            kind: "sign", title: "Signature \(format.rawValue.uppercased()) de \(name)", origin: origin,
            session: secret,
            steps: ["Réception du fichier", "Saisie du code PIN", "Signature", "Envoi de la signature"])
        let work = try WorkFolder(in: settings.workDirectory)
        defer { work.remove() }
        let folder = work.url
        do {
            await job.beginStep(0)
            let file = folder.appendingPathComponent(name)
            try await frames.receive(params.size, into: file) { await job.progress(done: $0, total: params.size) }
            await job.beginStep(1)
            let library = try await offCooperativePool { try P11Library.registered() }
            let key = try await KeyOpener.token(
                params.token, key: params.key, library: library, pins: pins,
                purpose: "\(origin) veut signer « \(name) » (\(format.rawValue.uppercased()))")
            if job.isCancelled { throw JobCancelled() }
            await job.beginStep(2)
            let output = folder.appendingPathComponent("out", isDirectory: true)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
            let signer = DocumentSigner(
                key: key, format: format, level: level, digestAlgorithm: digest, timestampURL: settings.timestampURL)
            let signature = try await signer.sign(file, outputDirectory: output)
            await job.beginStep(3)
            let size = Int64((try? FileManager.default.attributesOfItem(atPath: signature.path)[.size] as? Int) ?? 0)
            let sha256 = try DigestAlgorithm.sha256.digest(ofFileAt: signature)
            try await frames.send(fileAt: signature)
            await job.succeed()
            return SignResult(
                jobId: job.id, fileName: signature.lastPathComponent, size: size,
                sha256: sha256.hex)
        } catch {
            await job.fail(error)
            throw Self.rpcError(error)
        }
    }

    /// `verify`: receives the signed file (and the content of a detached signature) and returns the
    /// reports, judged against the assistant's trust anchors.
    func verify(_ params: VerifyParams, frames: WebSocketFrames) async throws -> JSONValue {
        let name = try Self.safeName(params.fileName)
        try checkSize(params.size)
        let contentName = try params.contentName.map(Self.safeName)
        if let contentSize = params.contentSize { try checkSize(contentSize) }
        let job = await jobs.start(
            kind: "verify", title: "Vérification de \(name)", origin: origin, session: secret,
            steps: ["Réception des fichiers", "Vérification"])
        let work = try WorkFolder(in: settings.workDirectory)
        defer { work.remove() }
        let folder = work.url
        do {
            await job.beginStep(0)
            let total = params.size + (params.contentSize ?? 0)
            let signed = folder.appendingPathComponent("signed", isDirectory: true)
            try FileManager.default.createDirectory(at: signed, withIntermediateDirectories: false)
            let file = signed.appendingPathComponent(name)
            try await frames.receive(params.size, into: file) { await job.progress(done: $0, total: total) }
            var content: URL?
            if let contentName, let contentSize = params.contentSize {
                let url = folder.appendingPathComponent(contentName)
                try await frames.receive(contentSize, into: url) {
                    await job.progress(done: params.size + $0, total: total)
                }
                content = url
            }
            await job.beginStep(1)
            let policy = VerificationPolicy(trustAnchors: trustAnchors())
            let reports = await SignatureVerification.verify(file, content: content, policy: policy)
            await job.succeed()
            return try JSONValue(encoding: reports)
        } catch {
            await job.fail(error)
            throw Self.rpcError(error)
        }
    }

    /// Every certificate of the `.pem` files of the trust directory.
    private func trustAnchors() -> [Certificate] {
        let files =
            (try? FileManager.default.contentsOfDirectory(at: settings.trustDirectory, includingPropertiesForKeys: nil))
            ?? []
        return files.filter { $0.pathExtension.lowercased() == "pem" }.flatMap { file -> [Certificate] in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
            return (try? PEMCertificates.parse(text)) ?? []
        }
    }

    private func checkSize(_ size: Int64) throws {
        guard size >= 0, size <= settings.maximumFileSize else {
            throw JSONRPC.ErrorObject(
                code: AssistantErrorCode.fileTooLarge,
                message: "The file is larger than the \(settings.maximumFileSize) bytes the assistant accepts.")
        }
    }

    /// A page's file name reduced to a plain name: no folder, nothing hidden.
    static func safeName(_ name: String) throws -> String {
        let last = (name as NSString).lastPathComponent.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !last.isEmpty, last != ".", last != "..", !last.hasPrefix("."), last.utf8.count <= 255,
            !last.contains("\u{0}")
        else { throw JSONRPC.ErrorObject.invalidParams("fileName must be a plain file name") }
        return last
    }

    /// The JSON-RPC error for a failed job.
    static func rpcError(_ error: any Error) -> JSONRPC.ErrorObject {
        if let error = error as? JSONRPC.ErrorObject { return error }
        if let error = error as? PINError, error == .cancelled {
            return .init(code: AssistantErrorCode.cancelledByUser, message: error.description)
        }
        if error is P11Error || error is KeyStoreError {
            return .init(code: AssistantErrorCode.keyStore, message: String(describing: error))
        }
        if let error = error as? FrameError, case .tooLarge = error {
            return .init(code: AssistantErrorCode.fileTooLarge, message: error.description)
        }
        return .init(code: AssistantErrorCode.jobFailed, message: String(describing: error))
    }
}
