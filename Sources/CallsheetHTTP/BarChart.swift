import Foundation

/// A horizontal bar chart the server draws as SVG (the `bar-chart` partial), so the board
/// needs no script and no chart library: the bars are laid out here and the template only
/// places them. Every chart has a text title for screen readers, and the board prints the
/// same figures as a table beside it.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// The figure as the reader should see it (`42 · 61 %`, `1 500,00 zł`).
        var text: String
        /// `best`, `worst` or nil: a CSS class that colours the bar.
        var mark: String? = nil
    }

    var id: String
    var title: String
    var bars: [Bar]

    static let labelWidth = 150.0, barSpace = 330.0, textWidth = 140.0, rowHeight = 28.0, barHeight = 18.0

    /// The template's values: the view box, and per bar its rectangle and its two texts.
    var values: [String: Any] {
        let top = bars.map { abs($0.value) }.max() ?? 0
        let rows: [[String: Any]] = bars.enumerated().map { index, bar in
            let y = Double(index) * Self.rowHeight
            let width = top > 0 ? max(abs(bar.value) / top * Self.barSpace, bar.value == 0 ? 0 : 2) : 0
            return [
                "label": bar.label, "text": bar.text, "class": bar.mark.map { "chart-bar \($0)" } ?? "chart-bar",
                "y": Self.number(y + 4), "textY": Self.number(y + 4 + Self.barHeight - 4), "x": Self.number(Self.labelWidth),
                "width": Self.number(width), "height": Self.number(Self.barHeight), "textX": Self.number(Self.labelWidth + width + 6),
            ]
        }
        return [
            "id": id, "title": title, "bars": rows,
            "viewWidth": Self.number(Self.labelWidth + Self.barSpace + Self.textWidth),
            "viewHeight": Self.number(max(Double(bars.count) * Self.rowHeight + 4, Self.rowHeight)),
        ]
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
