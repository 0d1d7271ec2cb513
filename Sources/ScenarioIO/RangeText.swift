/// Ages listed compactly for messages: `[3, 4, 5, 9]` → `"3–5, 9"`.
func compactRanges(_ values: [Int]) -> String {
    var parts: [String] = []
    var i = 0
    let v = values.sorted()
    while i < v.count {
        var j = i
        while j + 1 < v.count && v[j + 1] == v[j] + 1 { j += 1 }
        parts.append(i == j ? "\(v[i])" : "\(v[i])–\(v[j])")
        i = j + 1
    }
    return parts.joined(separator: ", ")
}
