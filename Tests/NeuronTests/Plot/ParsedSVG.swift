import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG document parsed as XML, with the queries the figure tests make.
struct ParsedSVG {
    /// Every element, in document order.
    let elements: [XMLElement]
    /// The root `<svg>` element.
    let root: XMLElement

    /// Parses `svg`; throws when it is not well-formed XML.
    init(_ svg: String) throws {
        let document = try XMLDocument(xmlString: svg, options: [])
        root = try #require(document.rootElement())
        var all: [XMLElement] = []
        func walk(_ e: XMLElement) {
            all.append(e)
            for child in e.children ?? [] { if let c = child as? XMLElement { walk(c) } }
        }
        walk(root)
        elements = all
    }

    /// The elements with a local name such as "circle".
    func all(_ name: String) -> [XMLElement] {
        elements.filter { ($0.localName ?? $0.name) == name }
    }

    /// The elements whose class attribute is `className`.
    func withClass(_ className: String) -> [XMLElement] {
        elements.filter { $0.value(of: "class") == className }
    }

    /// The text of the `<text>` elements with class `className`.
    func texts(_ className: String) -> [String] {
        withClass(className).map { $0.stringValue ?? "" }
    }

    /// The text of every `<text>` inside the elements with class `className` (a group).
    func texts(inside className: String) -> [String] {
        withClass(className).flatMap { group in
            descendants(of: group).filter { ($0.localName ?? $0.name) == "text" }.map { $0.stringValue ?? "" }
        }
    }

    /// The elements under `element` (not itself).
    func descendants(of element: XMLElement) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap { [$0] + descendants(of: $0) }
    }

    /// Elements named `name` inside the groups of class `className`.
    func all(_ name: String, inside className: String) -> [XMLElement] {
        withClass(className).flatMap { descendants(of: $0).filter { ($0.localName ?? $0.name) == name } }
    }

    /// Every attribute that should hold a number or a list of numbers but holds something else,
    /// such as "NaN" or "inf", described as "element.attribute=value".
    func badCoordinates() -> [String] {
        let numeric: Set<String> = [
            "x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "font-size", "stroke-width", "offset",
        ]
        let lists: Set<String> = ["d", "points", "viewBox", "transform", "stroke-dasharray"]
        var bad: [String] = []
        for e in elements {
            for attribute in e.attributes ?? [] {
                let name = attribute.localName ?? attribute.name ?? ""
                let value = attribute.stringValue ?? ""
                let lowered = value.lowercased()
                if name != "href" && (lowered.contains("nan") || lowered.contains("inf")) {
                    bad.append("\(e.name ?? "").\(name)=\(value)")
                } else if numeric.contains(name), !(Double(value)?.isFinite ?? false) {
                    if !(name == "width" || name == "height") || !value.hasSuffix("%") {
                        bad.append("\(e.name ?? "").\(name)=\(value)")
                    }
                } else if lists.contains(name) {
                    let numbers = value.replacingOccurrences(of: "translate", with: " ")
                        .replacingOccurrences(of: "rotate", with: " ")
                        .split(whereSeparator: { " ,ML()".contains($0) })
                    if numbers.contains(where: { !(Double($0)?.isFinite ?? false) }) {
                        bad.append("\(e.name ?? "").\(name)=\(value)")
                    }
                }
            }
        }
        return bad
    }
}

extension XMLElement {
    /// The value of the attribute with local name `name`. (FoundationXML's
    /// `attribute(forName:)` finds nothing on Linux for elements in a namespace, as every SVG
    /// element is.)
    func value(of name: String) -> String? {
        attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }
}
