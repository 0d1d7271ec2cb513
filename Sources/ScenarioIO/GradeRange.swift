import Foundation
import ScenarioModel

/// Reads a school's `grades` cell: a range such as `K1-K3`, `1-6`, `1-3`, `7-9`, `1-9`, `10-12`, a
/// single grade (`1`), or several joined by `;`, `+` or `,` (`K1-K3;1-6` for a primary school with
/// kindergarten classes).
enum GradeRange {
    static func parse(_ text: String) -> [Grade]? {
        var grades: Set<Grade> = []
        let parts = text.split { ";+,，、".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty else { return nil }
        for part in parts {
            let ends = part.replacingOccurrences(of: "–", with: "-").split(separator: "-").map(String.init)
            guard (1...2).contains(ends.count), let a = Grade(id: ends[0]), let b = Grade(id: ends.last ?? ""), a <= b,
                  a.isKindergarten == b.isKindergarten else { return nil }
            for g in Grade.all where g >= a && g <= b { grades.insert(g) }
        }
        return grades.sorted()
    }
}

/// Yes/no cells: `1`/`0`, `yes`/`no`, `true`/`false`, `y`/`n`, `是`/`否`, `公办`/`民办`.
enum YesNo {
    static func parse(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "yes", "y", "true", "是", "公办", "普惠": return true
        case "0", "no", "n", "false", "否", "民办", "非普惠": return false
        default: return nil
        }
    }
}
