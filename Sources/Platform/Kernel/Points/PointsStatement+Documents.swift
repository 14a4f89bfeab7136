extension PointsStatement {
    /// The statement as CSV (the kernel's ``CSV``): one row per entry with the balance after it, framed by the
    /// opening and closing balances.
    package var csv: String {
        var document = CSV(header: ["Date", "Libellé", "Service", "Débit", "Crédit", "Solde"])
        document.append([period.dayBefore, "Ancien solde", "", "", "", String(opening)])
        for line in lines {
            let entry = line.entry
            document.append([
                PointsCalendar.frenchDay(entry.recordedAt), entry.label, line.serviceName,
                entry.kind == .debit ? String(entry.amount) : "", entry.kind == .credit ? String(entry.amount) : "",
                String(line.balanceAfter),
            ])
        }
        document.append([
            period.lastDay, "Solde au \(period.lastDay)", "", String(debits), String(credits), String(closing),
        ])
        return document.text
    }

    /// `releve-points-2026-07-01-2026-09-30` (add `.csv` or `.pdf`).
    package var fileStem: String {
        "releve-points-\(PointsCalendar.isoDay(period.start))-\(PointsCalendar.isoDay(period.end - 1))"
    }

    /// The statement as plain French text: the PDF's and the e-mail's body.
    package var text: String {
        var text = """
            Relevé de points — \(entityName)
            Période \(period.label)

            Ancien solde au \(period.dayBefore) : \(opening) points
            Points acquis : \(credits)
            Points consommés : \(debits)

            """
        for use in PointsUse.allCases { text += "  \(use.label) : \(debitsByUse[use] ?? 0)\n" }
        text += "Solde au \(period.lastDay) : \(closing) points\n\nOpérations de la période\n"
        if lines.isEmpty { text += "Aucune opération sur la période.\n" }
        for line in lines {
            let entry = line.entry
            let sign = entry.kind == .credit ? "+" : "-"
            let service = line.serviceName.isEmpty ? "" : " (\(line.serviceName))"
            text +=
                "\(PointsCalendar.frenchDay(entry.recordedAt))  \(sign)\(entry.amount)  \(entry.label)\(service) — solde \(line.balanceAfter)\n"
        }
        return text
    }

    /// The statement as a PDF (``TextPDF``).
    package var pdf: [UInt8] { TextPDF.document(text, title: "Relevé de points \(period.label)") }
}
