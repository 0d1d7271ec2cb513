import ScenarioModel

/// The classes of one school stage, and how many are big (大班额) and super-big (超大班额).
///
/// **Base year with the statistics' classes** (`ClassFormation.observed`): the classes as given. By
/// grade, a grade's pupils (rounded to whole pupils) are split over its classes as evenly as possible
/// (sizes ⌊p/k⌋ and ⌈p/k⌉); for a whole stage, the stage's classes are shared among its grades as
/// classrooms are below. The statistics' own big and super-big counts replace the computed ones
/// where given.
///
/// **Projected years** (`ClassFormation.projected`): a grade of `p_g` pupils with standard class
/// `s_g` forms `⌈p_g / s_g⌉` classes when the stage's `C` classrooms suffice:
/// ```
/// k_g = ⌈p_g / s_g⌉                              if Σ_g ⌈p_g / s_g⌉ ≤ C
/// ```
/// When they do not, the classrooms take bigger classes, as schools do: each grade with pupils gets
/// one classroom and each further classroom goes to the grade whose classes are largest
/// (`p_g / k_g`, ties to the lower grade) — the allocation that makes the largest class smallest;
/// with fewer classrooms than grades the grades are taught together (复式班), all pupils split
/// evenly over the `C` classrooms. Without classrooms no class is formed.
///
/// A class is big from its grade's `ClassBands.big` pupils (56 in school stages) and super-big from
/// `ClassBands.superBig` (66); mixed-grade classes take the strictest bands of their grades.
public struct ClassFormation: Sendable, Equatable {
    /// Classes formed.
    public let classes: Int
    /// Classes of big size or more (super-big ones included: the 56人及以上 of the targets).
    public let bigClasses: Int
    public let superBigClasses: Int
    /// Size of the largest class.
    public let largest: Int

    /// Totals of several formations (a district's or the county's classes).
    public init(classes: Int, bigClasses: Int, superBigClasses: Int, largest: Int) {
        self.classes = classes
        self.bigClasses = bigClasses
        self.superBigClasses = superBigClasses
        self.largest = largest
    }

    /// Classes of sizes `sizes`, each with its bands.
    init(sizes: [(size: Int, bands: ClassBands)]) {
        classes = sizes.count
        bigClasses = sizes.filter { $0.size >= $0.bands.big }.count
        superBigClasses = sizes.filter { $0.size >= $0.bands.superBig }.count
        largest = sizes.map(\.size).max() ?? 0
    }

    /// The classes of a projected year: by standard sizes where the classrooms suffice, else the
    /// classrooms shared out. `pupils`, `standard` and `bands` are by grade.
    public static func projected(pupils: [Double], standard: [Int], bands: [ClassBands], classrooms: Int) -> ClassFormation {
        let needed = needed(pupils: pupils, standard: standard)
        let p = whole(pupils)
        if needed.reduce(0, +) <= classrooms { return evenly(p, needed, bands) }
        return shared(p, classes: classrooms, bands)
    }

    /// Classes each grade needs at its standard size: `⌈p_g / s_g⌉` on whole pupils.
    public static func needed(pupils: [Double], standard: [Int]) -> [Int] {
        zip(whole(pupils), standard).map { n, s in s > 0 ? (n + s - 1) / s : (n > 0 ? 1 : 0) }
    }

    /// Pupils rounded to whole pupils, never negative (and below 10¹⁵, so the conversion cannot trap).
    private static func whole(_ pupils: [Double]) -> [Int] { pupils.map { $0 > 0 ? Int(min($0, 1e15).rounded()) : 0 } }

    /// The base year's classes from the statistics.
    public static func observed(pupils: [Double], classes: ObservedEnrollment.StageClasses, grades: [Grade], bands: [ClassBands],
                                bigClasses: Int?, superBigClasses: Int?) -> ClassFormation {
        let p = whole(pupils)
        let formed: ClassFormation
        switch classes {
        case .byGrade(let k): formed = evenly(p, grades.map { k[$0] ?? 0 }, bands)
        case .total(let n): formed = shared(p, classes: n, bands)
        }
        return ClassFormation(classes: formed.classes, bigClasses: bigClasses ?? formed.bigClasses,
                              superBigClasses: superBigClasses ?? formed.superBigClasses, largest: formed.largest)
    }

    /// Grade g's pupils over its `k_g` classes, as evenly as possible.
    private static func evenly(_ p: [Int], _ k: [Int], _ bands: [ClassBands]) -> ClassFormation {
        ClassFormation(sizes: p.indices.flatMap { g in even(p[g], over: k[g]).map { ($0, bands[g]) } })
    }

    /// `classes` shared among the grades: one per grade with pupils, the rest to the largest classes;
    /// mixed-grade classes when there are fewer classes than grades with pupils.
    private static func shared(_ p: [Int], classes: Int, _ bands: [ClassBands]) -> ClassFormation {
        let occupied = p.indices.filter { p[$0] > 0 }
        guard classes > 0, !occupied.isEmpty else { return ClassFormation(sizes: []) }
        if classes < occupied.count {
            let band = ClassBands.mixed(occupied.map { bands[$0] })
            return ClassFormation(sizes: even(p.reduce(0, +), over: classes).map { ($0, band) })
        }
        var k = [Int](repeating: 0, count: p.count)
        for g in occupied { k[g] = 1 }
        for _ in 0..<(classes - occupied.count) {
            // The grade with the largest classes now: p_g / k_g, compared exactly as p_g·k_h vs p_h·k_g.
            var best = occupied[0]
            for g in occupied.dropFirst() where p[g] * k[best] > p[best] * k[g] { best = g }
            k[best] += 1
        }
        return evenly(p, k, bands)
    }

    /// `n` pupils in `k` classes as evenly as possible: `n mod k` classes of ⌈n/k⌉, the rest ⌊n/k⌋.
    static func even(_ n: Int, over k: Int) -> [Int] {
        guard k > 0 else { return [] }
        let q = n / k, r = n % k
        return (0..<k).map { $0 < r ? q + 1 : q }
    }
}
