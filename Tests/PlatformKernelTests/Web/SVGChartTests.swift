import Foundation
import Testing

@testable import PlatformKernel

/// The server-drawn charts: every text escaped by the template, accessible (role, title, description that
/// spells the numbers), readable shapes for no bar, one bar and many series.
struct SVGChartTests {
    static let hostile = "<script>alert(1)</script> & \"x\""

    static func render(_ chart: SVGChart) throws -> String {
        try #require(PageRenderer.standard.library.render(chart, withTemplate: "web/svg-chart"))
    }

    @Test func everyTextIsEscaped() throws {
        let chart = SVGChart(
            id: "graphique", title: "Demandes \(Self.hostile)", summary: "Résumé \(Self.hostile) :",
            series: [
                SVGChart.Series(name: Self.hostile, style: .series(0)),
                SVGChart.Series(name: "Acte de naissance", style: .series(1)),
            ],
            bars: [SVGChart.Bar(label: Self.hostile, values: [(series: 0, value: 2), (series: 1, value: 3)])],
            showsLegend: true)
        let svg = try Self.render(chart)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\"x\""))
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
        #expect(svg.contains("<title id=\"graphique-titre\">Demandes \(escaped)</title>"))
        // The bar's label, the legend, the tooltip and the description all carry it escaped.
        #expect(svg.contains("<text class=\"chart__text\" x=\"8\" y=\"23\">\(escaped)</text>"))
        #expect(svg.contains("<text class=\"chart__text\" x=\"32\" y=\"79\">\(escaped)</text>"))
        #expect(svg.contains("<title>\(escaped) : 2</title>"))
        #expect(
            svg.contains(
                "<desc id=\"graphique-description\">Résumé \(escaped) : \(escaped) : 5 (\(escaped) 2, Acte de naissance 3).</desc>"
            ))
    }

    @Test func itIsAnImageWithATitleAndADescription() throws {
        let chart = SVGChart(
            id: "graphique-etats", title: "Demandes par état", summary: "Nombre de demandes par état :",
            series: [SVGChart.Series(name: "Demandes", style: .series(0))],
            bars: [
                SVGChart.Bar(label: "En attente", values: [(series: 0, value: 3)]),
                SVGChart.Bar(label: "En cours", values: [(series: 0, value: 1)]),
            ], showsLegend: false)
        let svg = try Self.render(chart)
        #expect(svg.hasPrefix("<svg class=\"chart__svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 116\""))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"graphique-etats-titre graphique-etats-description\""))
        #expect(svg.contains("<title id=\"graphique-etats-titre\">Demandes par état</title>"))
        #expect(
            svg.contains(
                "<desc id=\"graphique-etats-description\">Nombre de demandes par état : En attente : 3 ; En cours : 1.</desc>"
            ))
        // No fixed size: the stylesheet gives it the column's width.
        #expect(!svg.contains("width=\"360\""))
        // The total is written beside each bar: colour is not the only carrier.
        #expect(svg.contains(">3</text>") && svg.contains(">1</text>"))
        #expect(!svg.contains("chart__legend"))
        #expect(!svg.contains("style="))
    }

    @Test func aStackedChartNamesItsSeriesEvenAlone() {
        let chart = SVGChart(
            id: "mois", title: "Par mois", summary: "Par mois :",
            series: [SVGChart.Series(name: "Inscription scolaire", style: .series(0))],
            bars: [SVGChart.Bar(label: "avril 2027", values: [(series: 0, value: 2)])], showsLegend: true)
        #expect(chart.description == "Par mois : avril 2027 : 2 (Inscription scolaire 2).")
        #expect(chart.rows[0].segments[0].tooltip == "Inscription scolaire : 2")
        #expect(chart.legend.map(\.name) == ["Inscription scolaire"])
    }

    @Test func noBarSaysSo() throws {
        let chart = SVGChart(
            id: "vide", title: "Demandes par état", summary: "Nombre de demandes par état :",
            series: [SVGChart.Series(name: "Demandes", style: .series(0))], bars: [], showsLegend: true)
        #expect(chart.isEmpty && chart.rows.isEmpty && chart.legend.isEmpty)
        #expect(chart.description == "Nombre de demandes par état : Aucune donnée à représenter.")
        let svg = try Self.render(chart)
        #expect(svg.contains("viewBox=\"0 0 360 40\""))
        #expect(svg.contains(">Aucune donnée à représenter.</text>"))
        #expect(!svg.contains("<rect x="))
    }

    @Test func oneBarSpansTheWidthLeftForItsTotal() throws {
        let chart = SVGChart(
            id: "un", title: "Un", summary: "Un :", series: [SVGChart.Series(name: "Demandes", style: .series(0))],
            bars: [SVGChart.Bar(label: "En attente", values: [(series: 0, value: 1)])], showsLegend: false)
        let row = try #require(chart.rows.first)
        #expect(row.segments.count == 1)
        #expect(row.segments[0].x == 8 && row.segments[0].width == 287)
        #expect(row.total == "1" && row.totalX == 302)
        #expect(row.totalX + 40 <= SVGChart.width)
        #expect(try Self.render(chart).contains("fill=\"url(#un-motif-0)\""))
    }

    @Test func zeroBarsKeepTheirLabelAndTotal() {
        let chart = SVGChart(
            id: "qualite", title: "Qualité", summary: "Qualité :",
            series: [
                SVGChart.Series(name: "Dans les délais", style: .onTime),
                SVGChart.Series(name: "En retard", style: .late),
            ],
            bars: [
                SVGChart.Bar(label: "Dans les délais", values: [(series: 0, value: 0)]),
                SVGChart.Bar(label: "En retard", values: [(series: 1, value: 0)]),
            ], showsLegend: false)
        #expect(chart.rows.map(\.segments.count) == [0, 0])
        #expect(chart.rows.map(\.total) == ["0", "0"])
    }

    @Test func manySeriesStackWithinTheBarAndEachHasItsLegendLine() throws {
        let series = (0..<30).map { SVGChart.Series(name: "Téléservice \($0)", style: .series($0)) }
        let bars = (1...12).map { month in
            SVGChart.Bar(label: "mois \(month)", values: (0..<30).map { (series: $0, value: ($0 + month) % 4) })
        }
        let chart = SVGChart(
            id: "mois", title: "Par mois", summary: "Par mois :", series: series, bars: bars, showsLegend: true)
        #expect(chart.patterns.count == 30)
        #expect(Set(chart.patterns.map(\.patternID)).count == 30)
        // 24 distinct fills before one comes back.
        let styles = (0..<24).map { SVGChart.Style.series($0) }
        #expect(Set(styles.map { "\($0.colour) \($0.texture)" }).count == 24)
        #expect(chart.legend.count == 30)
        #expect(chart.height == 8 + 12 * 50 + 8 + 30 * 24 + 8)
        for (row, bar) in zip(chart.rows, bars) {
            // Segments follow each other and the longest bar ends where the drawing leaves room for its total.
            for (left, right) in zip(row.segments, row.segments.dropFirst()) {
                #expect(left.x + left.width < right.x + 1)
            }
            let end = (row.segments.last.map { $0.x + $0.width + 1 }) ?? 8
            #expect(end <= 8 + SVGChart.width - 16 - 56)
            #expect(row.total == String(bar.total))
        }
        let svg = try Self.render(chart)
        #expect(svg.components(separatedBy: "<pattern ").count == 31)
        #expect(svg.contains("Téléservice 29"))
    }

    @Test func longLabelsAreShortenedInTheDrawingOnly() {
        let name = String(repeating: "Inscription ", count: 8)
        let chart = SVGChart(
            id: "long", title: "Long", summary: "Long :", series: [SVGChart.Series(name: name, style: .series(0))],
            bars: [SVGChart.Bar(label: name, values: [(series: 0, value: 4)])], showsLegend: true)
        #expect(chart.rows[0].label.count == 36 && chart.rows[0].label.hasSuffix("…"))
        #expect(chart.legend[0].name.count == 36)
        #expect(chart.description.contains(name))
    }
}
