import Demography
import Foundation

/// Reads the age labels found in population tables: single years (`7`, `7岁`), closed groups
/// (`0-4`, `0–4`, `0~4岁`) and open groups (`85+`, `85岁及以上`). Age 100 is the open group 100+.
enum AgeLabel {
    static func parse(_ text: String, openAge: Int = 100) -> AgeGroup? {
        if let age = Int(text), age >= 0 { return single(age, openAge: openAge) }  // the common "37", without Foundation's string search
        var s = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["及以上", "以上", "岁", "歲", "周岁"] { s = s.replacingOccurrences(of: suffix, with: suffix.contains("上") ? "+" : "") }
        for dash in ["–", "—", "~", "～", "至"] { s = s.replacingOccurrences(of: dash, with: "-") }
        s = s.replacingOccurrences(of: " ", with: "")
        if s.hasSuffix("+"), let lower = Int(s.dropLast()), lower >= 0 {
            return AgeGroup(lower: lower, upper: nil)
        }
        if let age = Int(s), age >= 0 { return single(age, openAge: openAge) }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, a <= b {
            return AgeGroup(lower: a, upper: b)
        }
        return nil
    }

    /// One year of age, or the open group from `openAge` on.
    private static func single(_ age: Int, openAge: Int) -> AgeGroup { age >= openAge ? AgeGroup(lower: age, upper: nil) : .single(age) }
}
