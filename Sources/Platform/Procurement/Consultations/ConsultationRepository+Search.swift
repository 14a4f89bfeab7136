import Foundation
import PlatformKernel
import SQLKit

extension ConsultationRepository {
    /// The consultations companies see at `now` that match `search`, nearest deadline first:
    /// validated, online (``Consultation/isOnline(at:)``) and with public access (no access code).
    package func published(matching search: ConsultationSearch, at now: Int64) async throws -> [Consultation] {
        var query = select()
            .where("state", .equal, ConsultationState.consultation.rawValue)
            .where("online_from", .lessThanOrEqual, now)
            .where("access_code", .is, SQLLiteral.null)
            .where { group in
                group.where("deadline", .greaterThan, now).orWhere("displayed_after_deadline", .equal, Int64(1))
            }
        if let keyword = search.keyword?.trimmingCharacters(in: .whitespaces), !keyword.isEmpty {
            let pattern = "%" + Self.escapeLike(ConsultationRow.fold(keyword)) + "%"
            let condition: SQLQueryString = "search_text LIKE \(bind: pattern) ESCAPE '!'"
            query = query.where(condition)
        }
        if let category = search.category {
            query = query.where("category", .equal, category.rawValue)
        }
        if let prefix = search.cpvPrefix?.trimmingCharacters(in: .whitespaces), !prefix.isEmpty {
            guard prefix.count <= 8, prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw DomainError.invalidField(
                    field: "code CPV", reason: "Saisissez de 1 à 8 chiffres du code CPV recherché.")
            }
            query = query.where("cpv_code", .like, prefix + "%")
        }
        return try await models(
            query.orderBy("deadline").orderBy("id")
                .limit(max(1, min(search.limit, ConsultationSearch.maximumLimit))).offset(max(0, search.offset)))
    }

    /// The consultation a company opens by its reference at `now`: online, and public or opened with its access
    /// code. `nil` otherwise, so that a wrong code does not even reveal that a restricted consultation exists.
    package func published(reference: String, accessCode: String? = nil, at now: Int64) async throws -> Consultation? {
        guard let consultation = try await find(reference: reference),
            consultation.isOnline(at: now), consultation.admits(accessCode: accessCode)
        else { return nil }
        return consultation
    }

    /// Makes `%`, `_` and the escape character `!` match themselves in a LIKE pattern.
    private static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "!" { escaped.append("!") }
            escaped.append(character)
        }
        return escaped
    }
}
