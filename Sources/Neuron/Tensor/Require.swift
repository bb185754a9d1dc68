/// Stops the program with `message` when `condition` is false.
///
/// Unlike `precondition`, the message survives optimised builds, so a shape error in a
/// release build still says which op failed and which shapes it was given.
@inline(__always)
func require(
    _ condition: Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if _slowPath(!condition) { fatalError(message(), file: file, line: line) }
}
