/// A horizontal bar chart, plain or stacked, drawn on the server as SVG by the `web/svg-chart` partial: this type
/// lays it out (every coordinate, label and pattern), the partial prints it, so every text in the SVG (labels,
/// teleservice names typed by agents) goes through Mustache's escaping like the rest of the page.
///
/// Accessible as the seed's "graphiques et tableaux" need: `role="img"` with a `<title>` and a `<desc>` that
/// spells every number out, colours of the palette below (each at least 4.5:1 on white) always paired with a
/// texture and with the bar's label and total written beside it, so colour never carries the meaning alone.
/// The page shows the same numbers in a table next to it. The drawing has a `viewBox` and no fixed size: the
/// stylesheet's `.chart__svg` gives it the column's width, and its texts grow on narrow screens (360 px phones).
package struct SVGChart: Sendable {
    /// How a series is filled: a colour and a texture (white lines over the colour).
    package struct Style: Sendable, Equatable {
        package let colour: String
        package let texture: Texture

        package init(colour: String, texture: Texture) {
            self.colour = colour
            self.texture = texture
        }

        /// The `index`-th series' style: 8 colours × 6 textures, so 24 series before one repeats.
        package static func series(_ index: Int) -> Style {
            let index = max(0, index)
            return Style(
                colour: palette[index % palette.count], texture: Texture.allCases[index % Texture.allCases.count])
        }

        /// Ink, wax, green, orange, blue, purple, grey, teal: each at least 4.5:1 against white.
        package static let palette = [
            "#1f2a44", "#8a1c2b", "#1e7a3c", "#b25a00", "#1c4f8a", "#6b3fa0", "#57534e", "#00727a",
        ]
        /// The quality of service's traffic lights (the task board's badges): in time, urgent, late.
        package static let onTime = Style(colour: "#1e7a3c", texture: .solid)
        package static let urgent = Style(colour: "#b25a00", texture: .diagonal)
        package static let late = Style(colour: "#b3261e", texture: .crosshatch)
    }

    package enum Texture: String, CaseIterable, Sendable {
        case solid, diagonal, horizontal, vertical, crosshatch, backDiagonal

        /// The lines drawn over the colour in an 8 × 8 tile, `nil` for a plain fill.
        package var path: String? {
            switch self {
            case .solid: nil
            case .diagonal: "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"
            case .horizontal: "M0,4 h8"
            case .vertical: "M4,0 v8"
            case .crosshatch: "M0,4 h8 M4,0 v8"
            case .backDiagonal: "M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4"
            }
        }
    }

    /// A series: its name (in the legend and the description) and its fill.
    package struct Series: Sendable, Equatable {
        package let name: String
        package let style: Style

        package init(name: String, style: Style) {
            self.name = name
            self.style = style
        }
    }

    /// A bar: its label and its value in each series (indices into `series`), stacked left to right.
    package struct Bar: Sendable, Equatable {
        package let label: String
        package let values: [(series: Int, value: Int)]

        package init(label: String, values: [(series: Int, value: Int)]) {
            self.label = label
            self.values = values
        }

        package static func == (left: Bar, right: Bar) -> Bool {
            left.label == right.label && left.values.map(\.series) == right.values.map(\.series)
                && left.values.map(\.value) == right.values.map(\.value)
        }

        package var total: Int { values.reduce(0) { $0 + max(0, $1.value) } }
    }

    // MARK: What the partial reads

    package let id: String
    package let title: String
    package let description: String
    package let titleID: String
    package let descriptionID: String
    package let viewBox: String
    package let height: Int
    package let patterns: [Pattern]
    package let rows: [Row]
    package let legend: [LegendItem]
    package let hasLegend: Bool
    package let isEmpty: Bool
    package let emptyText: String
    package let emptyY: Int

    package struct Pattern: Sendable {
        package let patternID: String
        package let colour: String
        package let path: String
        package let hasPath: Bool
    }

    package struct Row: Sendable {
        package let label: String
        package let labelY: Int
        package let segments: [Segment]
        package let total: String
        package let totalX: Int
        package let totalY: Int
    }

    package struct Segment: Sendable {
        package let x: Int
        package let y: Int
        package let width: Int
        package let fill: String
        package let colour: String
        package let tooltip: String
    }

    package struct LegendItem: Sendable {
        package let swatchY: Int
        package let textY: Int
        package let fill: String
        package let colour: String
        package let name: String
    }

    // MARK: Layout, in the viewBox's units

    package static let width = 360
    static let margin = 8
    static let rowHeight = 50
    static let barHeight = 20
    static let totalSpace = 56
    static let legendHeight = 24
    /// Longer labels are cut with "…" in the drawing (the table and the description keep them whole).
    static let labelLength = 36

    /// Lays the chart out. `id` prefixes the ids inside the SVG (unique on the page); `summary` starts the
    /// description, which then gives each bar's total; `showsLegend` (stacked bars) adds one line per series
    /// and names the series in the description and the tooltips (a plain chart's label names its bar).
    package init(
        id: String, title: String, summary: String, series: [Series], bars: [Bar], showsLegend: Bool,
        emptyText: String = "Aucune donnée à représenter."
    ) {
        self.id = id
        self.title = title
        titleID = "\(id)-titre"
        descriptionID = "\(id)-description"
        self.emptyText = emptyText
        let margin = Self.margin
        patterns = series.indices.map { index in
            let style = series[index].style
            return Pattern(
                patternID: "\(id)-motif-\(index)", colour: style.colour, path: style.texture.path ?? "",
                hasPath: style.texture.path != nil)
        }
        func name(_ index: Int) -> String { series.indices.contains(index) ? series[index].name : "" }
        func fill(_ index: Int) -> String { series.indices.contains(index) ? "url(#\(id)-motif-\(index))" : "#57534e" }
        func colour(_ index: Int) -> String { series.indices.contains(index) ? series[index].style.colour : "#57534e" }
        let largest = bars.map(\.total).max() ?? 0
        let span = Self.width - 2 * margin - Self.totalSpace
        var rows: [Row] = []
        for (number, bar) in bars.enumerated() {
            let top = margin + number * Self.rowHeight
            let barY = top + 22
            var x = margin
            var segments: [Segment] = []
            var running = 0
            for part in bar.values where part.value > 0 {
                // Each segment ends where the running total ends: rounding never adds up past the bar.
                running += part.value
                let end = margin + (largest > 0 ? Int((Double(running) / Double(largest) * Double(span)).rounded()) : 0)
                segments.append(
                    Segment(
                        x: x, y: barY, width: max(1, end - x - 1), fill: fill(part.series), colour: colour(part.series),
                        tooltip: showsLegend
                            ? "\(name(part.series)) : \(part.value)" : "\(bar.label) : \(part.value)"
                    ))
                x = end
            }
            rows.append(
                Row(
                    label: Self.shortened(bar.label), labelY: top + 15, segments: segments, total: String(bar.total),
                    totalX: x + 6, totalY: barY + 15))
        }
        self.rows = rows
        let legendTop = margin + bars.count * Self.rowHeight + margin
        legend =
            showsLegend && !bars.isEmpty
            ? series.indices.map { index in
                let top = legendTop + index * Self.legendHeight
                return LegendItem(
                    swatchY: top, textY: top + 13, fill: fill(index), colour: colour(index),
                    name: Self.shortened(series[index].name))
            } : []
        hasLegend = !legend.isEmpty
        isEmpty = bars.isEmpty
        emptyY = margin + 20
        height =
            bars.isEmpty
            ? 2 * margin + 24 : legendTop + legend.count * Self.legendHeight + (hasLegend ? margin : 0)
        viewBox = "0 0 \(Self.width) \(height)"
        let parts = bars.map { bar in
            let detail = bar.values.filter { $0.value > 0 }.map { "\(name($0.series)) \($0.value)" }
            return showsLegend && !detail.isEmpty
                ? "\(bar.label) : \(bar.total) (\(detail.joined(separator: ", ")))" : "\(bar.label) : \(bar.total)"
        }
        description =
            bars.isEmpty ? "\(summary) \(emptyText)" : "\(summary) \(parts.joined(separator: " ; "))."
    }

    static func shortened(_ text: String) -> String {
        text.count > labelLength ? String(text.prefix(labelLength - 1)) + "…" : text
    }
}
