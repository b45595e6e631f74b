extension ManagerComparison {
    /// Where a manager stands in a ranking, for the bonus conversation.
    public enum Mark: String, Sendable, Equatable {
        case best, worst
    }

    /// Best and worst by `column`, marked only where the figures differ: when every manager
    /// has the same value (all zero on a Monday morning) nobody is best or worst, and managers
    /// tied on the top (or bottom) value share the mark.
    public static func marks(_ rows: [Figures], by column: RankColumn) -> [String: Mark] {
        let values = rows.map { $0.value(of: column) }
        guard let high = values.max(), let low = values.min(), high != low else { return [:] }
        let (best, worst) = column.lowerIsBetter ? (low, high) : (high, low)
        var marks: [String: Mark] = [:]
        for (row, value) in zip(rows, values) {
            if value == best {
                marks[row.manager] = .best
            } else if value == worst {
                marks[row.manager] = .worst
            }
        }
        return marks
    }
}
