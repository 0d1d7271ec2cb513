@testable import Reports
import Testing

@Suite("map labels")
struct LabelPlacementTests {
    @Test("a label that would cover another, or a marker, takes the next free position; one that cannot keeps the least overlap")
    func labelsDoNotOverlap() {
        var labels = LabelPlacement(bounds: (0, 0, 400, 300))
        // A marker at (100, 100): 12 × 14 pixels.
        labels.occupy(x: 94, y: 93, width: 12, height: 14)
        // First label right of the marker: free. Box: x 108 … 108 + 4 CJK × 11 = 152, y 93 … 106.2.
        let first = labels.place("新建小学", size: 11, anchors: [(108, 104, .start), (92, 104, .end)])
        #expect(first.x == 108 && first.anchor == .start)
        // The same label again at the same point: right is taken, so it goes left (x 48 … 92).
        let second = labels.place("新建小学", size: 11, anchors: [(108, 104, .start), (92, 104, .end)])
        #expect(second.x == 92 && second.anchor == .end)
        // A third: both taken, so the least overlap among them — above the marker, which only
        // touches nothing (box y 79 … 92.2 clears the marker's top at 93).
        let third = labels.place("新建小学", size: 11, anchors: [(108, 104, .start), (92, 104, .end), (100, 90, .middle)])
        #expect(third.y == 90 && third.anchor == .middle)
        // Off the page counts as overlap: a label at the right edge goes to its left instead.
        let edge = labels.place("石岭乡", size: 12, anchors: [(390, 200, .start), (380, 200, .end)])
        #expect(edge.anchor == .end)
        let expected: Double = 22  // two Latin letters at 0.6 em and one CJK character at 1 em, 10 px
        #expect(LabelPlacement.width("ab新", size: 10) == expected)
    }
}
