import PlatformKernel

extension StatisticsService.Statistics {
    /// The page's table as CSV (the kernel's ``CSV``): one row per procedure type, then per service, then the
    /// total, with the period on every row so that a sheet pasted elsewhere keeps it.
    package var csv: String {
        var document = CSV(header: ["Période", "Répartition", "Libellé"] + StatisticsService.Figures.headings)
        func append(_ axis: String, _ label: String, _ figures: StatisticsService.Figures) {
            document.append([periodLabel, axis, label] + figures.values.map { String($0) })
        }
        for line in byProcedure { append("Type de procédure", line.label, line.figures) }
        for line in byService { append("Service", line.label, line.figures) }
        append("Total", "Total", total)
        return document.text
    }

    /// The file name of the CSV export, with the period: `statistiques-2026-01-01-2026-12-31.csv`.
    package var csvFileName: String {
        "statistiques" + (from.map { "-\($0)" } ?? "") + (to.map { "-\($0)" } ?? "") + ".csv"
    }
}
