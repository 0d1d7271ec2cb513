#if canImport(Glibc)
import Glibc
#endif

/// Allocation of the projection's large result array.
enum LargeBuffer {
    /// `count` zeros. On Linux, arrays of 4 MiB or more are first advised to use transparent huge
    /// pages (`madvise(MADV_HUGEPAGE)`, as numpy does for its large arrays): a 100 MB projection
    /// then takes about fifty 2 MiB page faults instead of 25,000 4 KiB ones.
    static func zeros(count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            #if os(Linux)
            if let base = buffer.baseAddress, count * MemoryLayout<Double>.stride >= 4 << 20 {
                let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
                let first = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
                let last = UInt(bitPattern: base + count) & ~(page - 1)
                if last > first, let start = UnsafeMutableRawPointer(bitPattern: first) {
                    _ = madvise(start, Int(last - first), MADV_HUGEPAGE)
                }
            }
            #endif
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }
}
