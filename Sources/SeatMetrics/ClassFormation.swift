/// How a school would form classes if its existing classrooms had to take everyone.
///
/// With `C` classrooms for a stage and pupils `pₐ` in its grades (rounded to whole pupils):
/// - if `C` is at least the number of grades with pupils, each such grade gets one classroom and
///   the rest are shared in proportion to pupils (largest remainder, ties to the lower grade); a
///   grade's pupils are split over its classes as evenly as possible (sizes ⌊p/k⌋ and ⌈p/k⌉);
/// - otherwise the grades are taught together in mixed-grade classes (复式班), all pupils split
///   evenly over the `C` classrooms.
/// A class of `big` pupils or more is a big class (大班额, default 56), of `superBig` or more a
/// super-big class (超大班额, default 66).
public struct ClassFormation: Sendable, Equatable {
    /// Classes formed (classrooms in use).
    public let classes: Int
    public let bigClasses: Int
    public let superBigClasses: Int
    /// Size of the largest class.
    public let largest: Int

    public init(pupilsByGrade: [Double], classrooms: Int, big: Int = 56, superBig: Int = 66) {
        let pupils = pupilsByGrade.map { max(0, Int($0.rounded())) }
        let occupied = pupils.indices.filter { pupils[$0] > 0 }
        guard classrooms > 0, !occupied.isEmpty else {
            self.init(sizes: [])
            return
        }
        if classrooms < occupied.count {
            self.init(sizes: Self.even(pupils.reduce(0, +), over: classrooms), big: big, superBig: superBig)
            return
        }
        var k = [Int](repeating: 0, count: pupils.count)
        for g in occupied { k[g] = 1 }
        let spare = classrooms - occupied.count
        let total = Double(pupils.reduce(0, +))
        let exact = pupils.map { Double(spare) * Double($0) / total }
        for g in occupied { k[g] += Int(exact[g].rounded(.down)) }
        var left = classrooms - k.reduce(0, +)
        let remainder = exact.map { $0 - $0.rounded(.down) }
        for g in occupied.sorted(by: { remainder[$0] > remainder[$1] || (remainder[$0] == remainder[$1] && $0 < $1) }) where left > 0 {
            k[g] += 1
            left -= 1
        }
        let sizes = occupied.flatMap { Self.even(pupils[$0], over: k[$0]) }
        self.init(sizes: sizes, big: big, superBig: superBig)
    }

    /// Totals of several formations (a district's or the county's classes).
    public init(classes: Int, bigClasses: Int, superBigClasses: Int, largest: Int) {
        self.classes = classes
        self.bigClasses = bigClasses
        self.superBigClasses = superBigClasses
        self.largest = largest
    }

    private init(sizes: [Int], big: Int = 56, superBig: Int = 66) {
        let used = sizes.filter { $0 > 0 }
        classes = used.count
        bigClasses = used.filter { $0 >= big }.count
        superBigClasses = used.filter { $0 >= superBig }.count
        largest = used.max() ?? 0
    }

    /// `n` pupils in `k` classes as evenly as possible: `n mod k` classes of ⌈n/k⌉, the rest ⌊n/k⌋.
    static func even(_ n: Int, over k: Int) -> [Int] {
        guard k > 0 else { return [] }
        let q = n / k, r = n % k
        return (0..<k).map { $0 < r ? q + 1 : q }
    }
}
