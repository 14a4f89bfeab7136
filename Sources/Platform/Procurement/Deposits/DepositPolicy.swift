import CoreModel
import Foundation
import PlatformKernel

/// The rules of deposits, without storage: when a company may deposit, what a file may be called,
/// what makes a deposit complete.
package enum DepositPolicy {
    /// The size of every chunk but the last: 1 MiB.
    package static let chunkSize = 1 << 20

    /// May a deposit start, or complete, at `now`? Strictly before the deadline second.
    package static func checkOpen(_ consultation: Consultation, at now: Int64) throws(DomainError) {
        guard consultation.modalities.electronicResponse != .refused else {
            throw .forbidden(reason: "Cette consultation n'accepte pas de réponse électronique.")
        }
        guard now < consultation.deadline else {
            throw .forbidden(
                reason:
                    "La date limite de remise des plis est dépassée (\(ConsultationError.format(consultation.deadline))) : "
                    + "le dépôt est refusé.")
        }
        guard consultation.acceptsDeposits(at: now) else {
            throw .forbidden(reason: "Cette consultation n'est pas en ligne : aucun dépôt n'est possible.")
        }
    }

    /// Checks a file announced for `envelope`; returns the name to keep.
    package static func checkFile(
        name: String, size: Int64, sha256: String, envelope: ConsultationEnvelope, of consultation: Consultation
    ) throws(DomainError) -> String {
        guard consultation.modalities.envelopes.contains(envelope) else {
            throw .invalidField(
                field: "enveloppe", reason: "Cette consultation n'a pas d'enveloppe « \(envelope.label) ».")
        }
        return try checkFile(name: name, size: size, sha256: sha256)
    }

    /// Checks the name, size and SHA-256 of an announced file as the bidder sent them, before anything is
    /// read from or written to storage; returns the name to keep (trimmed, 1 to 255 bytes, no folder, no control
    /// nor bidirectional character).
    package static func checkFile(name: String, size: Int64, sha256: String) throws(DomainError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let forbidden =
            trimmed.contains("/") || trimmed.contains("\\") || trimmed.contains("\0") || trimmed == "."
            || trimmed == ".."
        guard (1...255).contains(trimmed.utf8.count), !forbidden else {
            throw .invalidField(
                field: "nom du fichier", reason: "Un nom de fichier de 1 à 255 octets, sans dossier ni « / ».")
        }
        guard !DisplaySafeText.containsUnsafe(trimmed) else {
            throw .invalidField(
                field: "nom du fichier",
                reason:
                    "Le nom du fichier contient un caractère de contrôle ou d'inversion du sens d'écriture : renommez le fichier."
            )
        }
        guard size >= 1 else {
            throw .invalidField(field: "taille", reason: "Un pli fait au moins 1 octet.")
        }
        guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw .invalidField(
                field: "empreinte", reason: "L'empreinte SHA-256 s'écrit en 64 chiffres hexadécimaux minuscules.")
        }
        return trimmed
    }

    /// May the company start one more deposit, holding `inConsultation` deposits in progress for this
    /// consultation and `overall` over every consultation?
    package static func checkStart(inConsultation: Int, overall: Int, quotas: DepositQuotas) throws(DomainError) {
        guard inConsultation < quotas.depositsInProgressPerConsultation else {
            throw .tooMany(
                reason:
                    "Votre entreprise a déjà \(inConsultation) dépôt(s) en cours pour cette consultation, le maximum "
                    + "(\(quotas.depositsInProgressPerConsultation)) : reprenez un dépôt en cours et validez-le au lieu "
                    + "d'en commencer un nouveau. Un dépôt laissé sans envoi est abandonné après un délai.")
        }
        guard overall < quotas.depositsInProgressPerCompany else {
            throw .tooMany(
                reason: "Votre entreprise a déjà \(overall) dépôts en cours sur la plateforme, le maximum "
                    + "(\(quotas.depositsInProgressPerCompany)) : terminez ou reprenez un dépôt en cours avant d'en "
                    + "commencer un autre.")
        }
    }

    /// May a file of `size` bytes join `envelope` of a deposit already holding `existing`?
    package static func checkQuotas(
        name: String, size: Int64, envelope: ConsultationEnvelope, existing: [DepositFile], quotas: DepositQuotas
    ) throws(DomainError) {
        guard size <= quotas.bytesPerFile else {
            throw .tooLarge(
                reason: "Le fichier « \(name) » fait \(FrenchByteCount.text(size)) : un pli ne peut dépasser "
                    + "\(FrenchByteCount.text(quotas.bytesPerFile)). Compressez-le ou répartissez son contenu entre "
                    + "plusieurs fichiers, chiffrez-les et déposez-les.")
        }
        let inEnvelope = existing.filter { $0.envelope == envelope }.count
        guard inEnvelope < quotas.filesPerEnvelope else {
            throw .tooMany(
                reason: "L'enveloppe « \(envelope.label) » contient déjà \(inEnvelope) fichiers, le maximum "
                    + "(\(quotas.filesPerEnvelope)) : regroupez des pièces dans une archive ZIP, chiffrez-la et "
                    + "déposez-la à la place.")
        }
        let total = existing.reduce(size) { $0 + $1.size }
        guard total <= quotas.bytesPerDeposit else {
            throw .tooLarge(
                reason: "Avec « \(name) », ce dépôt atteindrait \(FrenchByteCount.text(total)) : un dépôt ne peut "
                    + "dépasser \(FrenchByteCount.text(quotas.bytesPerDeposit)). Réduisez la taille des pièces "
                    + "(compression, résolution des plans) avant de les chiffrer.")
        }
    }

    /// What is still missing for a deposit to complete: every envelope of the consultation holds at least one
    /// file, and every file is stored. Returns the French reasons, empty when complete.
    package static func missing(files: [DepositFile], of consultation: Consultation) -> [String] {
        var reasons: [String] = []
        for envelope in consultation.modalities.envelopes.sorted()
        where !files.contains(where: { $0.envelope == envelope }) {
            reasons.append("l'enveloppe « \(envelope.label) » est vide")
        }
        for file in files where !file.stored {
            reasons.append("le fichier « \(file.name) » n'est pas entièrement reçu")
        }
        return reasons
    }
}
