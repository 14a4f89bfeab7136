import CorePlatformAPI
import CoreProtocol

extension RPCSession {
    /// `jobs.start`: the platform's job offer, checked against the key pinned for this page's origin,
    /// claimed and run in the background (or resumed when the assistant already has it).
    func startRemoteJob(_ params: JobsStartParams) async throws -> JobsStartResult {
        guard let remoteJobs else {
            throw JSONRPC.ErrorObject(code: AssistantErrorCode.jobFailed, message: "Remote jobs are not available.")
        }
        let offer = PlatformAPI.RemoteJobOffer(
            descriptor: params.descriptor, signature: params.signature, token: params.jobToken)
        do {
            return try await remoteJobs.start(
                offer, origin: origin, session: secret, token: params.token, pins: pins
            ).result
        } catch {
            switch error {
            case .invalid(let message): throw JSONRPC.ErrorObject.invalidParams(message)
            case .token(let message): throw JSONRPC.ErrorObject(code: AssistantErrorCode.keyStore, message: message)
            case .refused(let message), .unreachable(let message), .failed(let message):
                throw JSONRPC.ErrorObject(code: AssistantErrorCode.jobFailed, message: message)
            }
        }
    }
}
