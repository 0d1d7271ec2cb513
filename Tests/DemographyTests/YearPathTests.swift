import Demography
import Testing

@Suite("YearPath")
struct YearPathTests {
    @Test("a number is the same in every year")
    func constant() {
        let p = YearPath(constant: 1.05)
        #expect(p.sample(years: 2020...2023) == [1.05, 1.05, 1.05, 1.05])
    }

    @Test("a map is interpolated linearly and held outside its years")
    func interpolation() throws {
        // {2024: 0.88, 2027: 0.92}: 0.04 over 3 years, so 2025 = 0.88 + 0.04/3 = 0.893333…,
        // 2026 = 0.88 + 0.08/3 = 0.906666…; 2023 holds 0.88 and 2030 holds 0.92.
        let p = try #require(YearPath(points: [2024: 0.88, 2027: 0.92]))
        let v = p.sample(years: 2023...2030)
        let expected = [0.88, 0.88, 0.88 + 0.04 / 3, 0.88 + 0.08 / 3, 0.92, 0.92, 0.92, 0.92]
        for (a, b) in zip(v, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(p.value(in: 2025) == v[2])
    }

    @Test("three anchors: each segment is its own line")
    func segments() throws {
        // 2024: 0.26, 2030: 0.31, 2040: 0.38 → 2027 = 0.285, 2035 = 0.345.
        let p = try #require(YearPath(points: [2030: 0.31, 2024: 0.26, 2040: 0.38]))
        #expect(abs(p.value(in: 2027) - 0.285) < 1e-12)
        #expect(abs(p.value(in: 2035) - 0.345) < 1e-12)
        #expect(p.years == [2024, 2030, 2040])
    }

    @Test("an empty map is no path")
    func empty() { #expect(YearPath(points: [:]) == nil) }
}
