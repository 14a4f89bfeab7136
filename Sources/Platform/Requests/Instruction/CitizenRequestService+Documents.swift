import PlatformKernel
import SQLKit

extension CitizenRequestService {
    /// A citizen's document an agent may open from a request: one attached to it, or one of the request's
    /// household; read right on the category needed. Anything else is not found.
    package func documentForAgent(_ id: Int64, document documentID: Int64, by agentID: Int64) async throws
        -> CitizenDocument
    {
        try await database.session { sql in
            let (request, _) = try await Self.load(id, agentID: agentID, needed: .read, sql: sql)
            let attached = try await CitizenRequestRepository(sql: sql).documents(of: id)
            if let found = attached.first(where: { $0.document.id == documentID }) { return found.document }
            guard let document = try await HouseholdRepository(sql: sql).document(documentID),
                request.householdID != nil, document.householdID == request.householdID
            else { throw DomainError.notFound(what: "Document") }
            return document
        }
    }
}
