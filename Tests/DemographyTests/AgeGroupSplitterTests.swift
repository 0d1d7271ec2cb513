import Demography
import Testing

@Suite("AgeGroupSplitter")
struct AgeGroupSplitterTests {
    private let flat = [Double](repeating: 1, count: 101)

    private func fiveYear(_ counts: [Double], open: Double) -> [(group: AgeGroup, count: Double)] {
        counts.enumerated().map { (AgeGroup(lower: 5 * $0.offset, upper: 5 * $0.offset + 4), $0.element) }
            + [(AgeGroup(lower: 5 * counts.count, upper: nil), open)]
    }

    @Test("single years pass through unchanged")
    func singles() throws {
        let counts = (0...100).map { Double(1000 - 7 * $0) }
        let rows = (0..<100).map { (AgeGroup.single($0), counts[$0]) } + [(AgeGroup(lower: 100, upper: nil), counts[100])]
        #expect(try AgeGroupSplitter.split(rows, openAge: 100, openGroupWeights: flat) == counts)
    }

    @Test("an even population stays even")
    func even() throws {
        // 1000 in every 5-year group 0–84: the cumulative is a straight line, which Steffen's
        // spline reproduces, so each single year gets 200.
        let s = try AgeGroupSplitter.split(fiveYear([Double](repeating: 1000, count: 17), open: 600), openAge: 100, openGroupWeights: flat)
        for x in 0..<85 { #expect(abs(s[x] - 200) < 1e-9) }
        // 85+ split by equal weights over 85 … 100 (16 ages): 37.5 each.
        for x in 85...100 { #expect(abs(s[x] - 37.5) < 1e-9) }
    }

    @Test("group totals are kept and no count is negative, even for a jagged input")
    func totalsKept() throws {
        let groups: [Double] = [5000, 0, 9000, 100, 0, 0, 7000, 6500, 200, 3000, 0, 50, 4000, 10, 900, 0, 80]
        let s = try AgeGroupSplitter.split(fiveYear(groups, open: 300), openAge: 100, openGroupWeights: flat)
        for (g, total) in groups.enumerated() {
            let sum = s[(5 * g)...(5 * g + 4)].reduce(0, +)
            #expect(abs(sum - total) < 1e-9 * max(1, total))
        }
        #expect(s.allSatisfy { $0 >= 0 })
        #expect(abs(s[85...].reduce(0, +) - 300) < 1e-9)
    }

    @Test("an open group is split by life-table person-years")
    func openGroupByLx() throws {
        // Weights Lₓ = 100 − x at 85 … 100 (15, 14, …, 1 and T₁₀₀ = 0 replaced by 1 below):
        var w = (0...100).map { Double(101 - $0) }
        w[100] = 1
        // Σ_{85…100} w = (16 + 15 + … + 2) + 1 = 135 + 1 = 136; 85+ holds 1360, so 10 per weight unit.
        let rows = fiveYear([Double](repeating: 500, count: 17), open: 1360)
        let s = try AgeGroupSplitter.split(rows, openAge: 100, openGroupWeights: w)
        #expect(abs(s[85] - 160) < 1e-9)
        #expect(abs(s[99] - 20) < 1e-9)
        #expect(abs(s[100] - 10) < 1e-9)
    }

    @Test("groups above the open age fold into it")
    func aboveOpenAge() throws {
        var rows = fiveYear([Double](repeating: 50, count: 20), open: 7)  // … 95-99, 100+
        rows[20] = (AgeGroup(lower: 100, upper: 104), 5)
        rows.append((AgeGroup(lower: 105, upper: nil), 2))
        let s = try AgeGroupSplitter.split(rows, openAge: 100, openGroupWeights: flat)
        #expect(s[100] == 7)
    }

    @Test("gaps, overlaps, a missing open group and a group across 100 are refused")
    func refusals() {
        let gap = [(AgeGroup(lower: 0, upper: 4), 1.0), (AgeGroup(lower: 10, upper: nil), 1.0)]
        #expect(throws: AgeGroupSplitter.Failure.notContiguous(age: 5)) {
            try AgeGroupSplitter.split(gap, openAge: 100, openGroupWeights: flat)
        }
        let overlap = [(AgeGroup(lower: 0, upper: 4), 1.0), (AgeGroup(lower: 3, upper: nil), 1.0)]
        #expect(throws: AgeGroupSplitter.Failure.notContiguous(age: 3)) {
            try AgeGroupSplitter.split(overlap, openAge: 100, openGroupWeights: flat)
        }
        let closed = [(AgeGroup(lower: 0, upper: 4), 1.0), (AgeGroup(lower: 5, upper: 9), 1.0)]
        #expect(throws: AgeGroupSplitter.Failure.notContiguous(age: 10)) {
            try AgeGroupSplitter.split(closed, openAge: 100, openGroupWeights: flat)
        }
        let across = [(AgeGroup(lower: 0, upper: 97), 1.0), (AgeGroup(lower: 98, upper: 102), 1.0), (AgeGroup(lower: 103, upper: nil), 1.0)]
        #expect(throws: AgeGroupSplitter.Failure.straddlesOpenAge(AgeGroup(lower: 98, upper: 102))) {
            try AgeGroupSplitter.split(across, openAge: 100, openGroupWeights: flat)
        }
    }
}
