import CoreProtocol
import Foundation
import FuzzDriver

// The assistant's JSON-RPC decoding on any text a page may send: the request envelope, then its params as
// each method's parameters (the way RPCSession decodes them), and the round trip of what was decoded.

@main enum FuzzJSONRPC {
    static func main() { LibFuzzer.run(fuzzJSONRPC) }
}

func fuzzJSONRPC(_ bytes: [UInt8]) {
    let text = Data(bytes)
    let decoder = JSONDecoder()
    _ = try? decoder.decode(JSONRPC.Response.self, from: text)
    _ = try? decoder.decode(JSONRPC.Notification.self, from: text)
    guard let request = try? decoder.decode(JSONRPC.Request.self, from: text) else { return }
    _ = try? JSONEncoder().encode(request)
    guard let params = request.params, let encoded = try? JSONEncoder().encode(params) else { return }
    _ = try? decoder.decode(HelloParams.self, from: encoded)
    _ = try? decoder.decode(ConfigTestParams.self, from: encoded)
    _ = try? decoder.decode(KeysGenerateParams.self, from: encoded)
    _ = try? decoder.decode(SignParams.self, from: encoded)
    _ = try? decoder.decode(JobsStartParams.self, from: encoded)
    _ = try? decoder.decode(VerifyParams.self, from: encoded)
    _ = try? decoder.decode(JobsCancelParams.self, from: encoded)
    _ = try? decoder.decode(JobSummary.self, from: encoded)
    if let hello = try? decoder.decode(HelloParams.self, from: encoded), let latest = hello.latestVersion {
        _ = VersionOrder.isOlder(AssistantProtocol.version, than: latest)
        _ = VersionOrder.isOlder(latest, than: latest)
    }
}
