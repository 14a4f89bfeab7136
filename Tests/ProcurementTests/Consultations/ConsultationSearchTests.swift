import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// What companies find among the published consultations.
extension DatabaseTests {
    struct ConsultationSearchTests {
        /// Saves `consultation` and, when `validated`, submits and validates it at second 950.
        fileprivate func save(
            _ consultation: Consultation, validated: Bool, _ data: ConsultationTestData, _ database: Database
        )
            async throws
        {
            try await database.transaction { sql in
                let repository = ConsultationRepository(sql: sql)
                let created = try await repository.create(consultation, at: 900)
                let id = try #require(created.id)
                if validated {
                    _ = try await repository.transition(id, .submit, by: data.actor(), at: 950)
                    _ = try await repository.transition(id, .validate, by: data.actor(1), at: 950)
                }
            }
        }

        private func references(
            _ database: Database, at now: Int64, _ search: ConsultationSearch = ConsultationSearch()
        ) async throws -> [String] {
            try await database.session { sql in
                try await ConsultationRepository(sql: sql).published(matching: search, at: now).map(\.reference.value)
            }
        }

        @Test(arguments: StorageBackend.available)
        func findsOnlineConsultationsByKeywordCategoryAndCPV(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                var school = try data.sample(reference: "ECOLE_2026", deadline: 5_000)
                school.title = "Rénovation de l'École Jules Ferry"
                try await save(school, validated: true, data, database)

                var computers = try data.sample(reference: "FOURN_2026", onlineFrom: 3_000, deadline: 6_000)
                computers.category = .supplies
                computers.cpv = try CPVCode("30200000-1")
                computers.title = "Ordinateurs 100% recyclés"
                try await save(computers, validated: true, data, database)

                var cleaning = try data.sample(reference: "SERV_2026", deadline: 1_500)
                cleaning.category = .services
                cleaning.cpv = try CPVCode("90910000-9")
                cleaning.title = "Nettoyage des bureaux"
                try await save(cleaning, validated: true, data, database)

                var schools = cleaning
                schools.reference = try ConsultationReference("SERV_2026_B")
                schools.title = "Nettoyage des écoles"
                schools.modalities.displayedAfterDeadline = true
                try await save(schools, validated: true, data, database)

                try await save(
                    try data.sample(reference: "ELAB_2026", deadline: 5_000), validated: false, data, database)
                var restricted = try data.sample(reference: "RESTR_2026", deadline: 5_000)
                restricted.accessCode = "6X2mEGpm"
                try await save(restricted, validated: true, data, database)

                #expect(try await references(database, at: 999) == [])
                #expect(try await references(database, at: 1_499) == ["SERV_2026", "SERV_2026_B", "ECOLE_2026"])
                #expect(try await references(database, at: 2_000) == ["SERV_2026_B", "ECOLE_2026"])
                #expect(try await references(database, at: 3_000) == ["SERV_2026_B", "ECOLE_2026", "FOURN_2026"])

                #expect(
                    try await references(database, at: 2_000, .init(keyword: "ecole")) == ["SERV_2026_B", "ECOLE_2026"])
                #expect(
                    try await references(database, at: 2_000, .init(keyword: " ÉCOLE ")) == [
                        "SERV_2026_B", "ECOLE_2026",
                    ])
                #expect(try await references(database, at: 2_000, .init(keyword: "ecole_2026")) == ["ECOLE_2026"])
                #expect(try await references(database, at: 2_000, .init(keyword: "serv%b")) == [])
                #expect(try await references(database, at: 3_000, .init(keyword: "%")) == ["FOURN_2026"])
                #expect(
                    try await references(database, at: 3_000, .init(keyword: "étanchéité")) == [
                        "SERV_2026_B", "ECOLE_2026", "FOURN_2026",
                    ])

                #expect(try await references(database, at: 3_000, .init(category: .works)) == ["ECOLE_2026"])
                #expect(try await references(database, at: 3_000, .init(category: .supplies)) == ["FOURN_2026"])
                #expect(try await references(database, at: 3_000, .init(cpvPrefix: "4521")) == ["ECOLE_2026"])
                #expect(try await references(database, at: 3_000, .init(cpvPrefix: "9")) == ["SERV_2026_B"])
                #expect(try await references(database, at: 3_000, .init(cpvPrefix: "3021")) == [])
                #expect(
                    try await references(
                        database, at: 3_000, .init(keyword: "nettoyage", category: .services, cpvPrefix: "90910000"))
                        == ["SERV_2026_B"])
                #expect(try await references(database, at: 3_000, .init(limit: 2)) == ["SERV_2026_B", "ECOLE_2026"])
                #expect(try await references(database, at: 3_000, .init(limit: 2, offset: 2)) == ["FOURN_2026"])
                await #expect(throws: DomainError.self) {
                    try await references(database, at: 3_000, .init(cpvPrefix: "4a"))
                }
            }
        }
    }
}

extension DatabaseTests.ConsultationSearchTests {
    @Test(arguments: StorageBackend.available)
    func aRestrictedConsultationOpensOnlyWithItsCode(backend: StorageBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let data = try await ConsultationTestData.insert(into: database)
            var restricted = try data.sample(reference: "RESTR_2026", deadline: 5_000)
            restricted.accessCode = "6X2mEGpm"
            try await save(restricted, validated: true, data, database)
            try await save(try data.sample(reference: "PUBLIC_2026", deadline: 5_000), validated: true, data, database)
            try await save(try data.sample(reference: "DRAFT_2026", deadline: 5_000), validated: false, data, database)
            func open(_ reference: String, _ code: String?, at now: Int64 = 2_000) async throws -> String? {
                try await database.session { sql in
                    try await ConsultationRepository(sql: sql).published(
                        reference: reference, accessCode: code, at: now)?
                        .reference.value
                }
            }
            #expect(try await open("restr_2026", "6X2mEGpm") == "RESTR_2026")
            #expect(try await open("RESTR_2026", "6x2megpm") == nil)
            #expect(try await open("RESTR_2026", nil) == nil)
            #expect(try await open("RESTR_2026", "6X2mEGpm", at: 5_000) == nil)
            #expect(try await open("PUBLIC_2026", nil) == "PUBLIC_2026")
            #expect(try await open("PUBLIC_2026", "anything") == "PUBLIC_2026")
            #expect(try await open("DRAFT_2026", nil) == nil)
            #expect(try await open("NOPE_2026", nil) == nil)
        }
    }
}
