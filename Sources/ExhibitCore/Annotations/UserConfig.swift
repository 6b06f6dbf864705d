import Foundation

/// The reviewer's own settings, kept outside every case: `$XDG_CONFIG_HOME/exhibit/config.toml`
/// (else `~/.config/exhibit/config.toml`, XDG Base Directory Specification 0.8). Today it
/// holds one key, the name that signs annotations when neither `$EXHIBIT_USER` nor `$USER`
/// is set, so a record is never signed `unknown`:
///
/// ```toml
/// creator = "A. Counsel"
/// ```
///
/// The file is read and written by hand (one `key = "basic string"` line per key, TOML 1.0
/// escapes), not with the TOML library: a damaged file here must never stop the program,
/// and it is only ever this one line.
public struct UserConfig: Sendable, Equatable {
    /// The name that signs annotations, if one was stored.
    public var creator: String?

    public init(creator: String? = nil) {
        self.creator = creator
    }

    /// The file's path for `environment`: `$XDG_CONFIG_HOME/exhibit/config.toml` when that
    /// is an absolute path, else `$HOME/.config/exhibit/config.toml`; nil without either.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/exhibit/config.toml" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.config/exhibit/config.toml" }
        return nil
    }

    /// The settings stored for `environment`; empty when the file is missing or unreadable.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> UserConfig {
        guard let path = path(environment: environment),
              let data = FileManager.default.contents(atPath: path) else { return UserConfig() }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Reads `creator = "…"` from TOML text; anything else is ignored.
    static func parse(_ text: String) -> UserConfig {
        var config = UserConfig()
        for line in text.split(whereSeparator: \.isNewline) {
            let t = line.drop { $0 == " " || $0 == "\t" }
            guard t.hasPrefix("creator") else { continue }
            let rest = t.dropFirst("creator".count).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else { continue }
            let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            if let s = basicString(value), !s.isEmpty { config.creator = s }
        }
        return config
    }

    /// The TOML text of these settings.
    public var toml: String {
        var s = "# Exhibit's settings for this user (not for a case).\n"
        if let creator { s += "creator = \(ImportProvenance.quote(creator))\n" }
        return s
    }

    /// Writes the settings for `environment`, creating the folder.
    /// - Throws: `AnnotationError.io` naming the path (or `(no HOME)`).
    public func save(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let path = Self.path(environment: environment) else {
            throw AnnotationError.io(path: "(no $HOME or $XDG_CONFIG_HOME)", operation: "save the user config", errno: ENOENT)
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(toml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            // Foundation wraps the system's reason; report it when it is a POSIX one.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let code = underlying?.domain == NSPOSIXErrorDomain ? Int32(underlying!.code) : EIO
            throw AnnotationError.io(path: path, operation: "write", errno: code)
        }
    }

    /// A TOML basic string's content (`"…"` with `\\ \" \n \t \uXXXX \UXXXXXXXX`), or nil.
    static func basicString(_ s: Substring) -> String? {
        guard s.first == "\"" else { return nil }
        var out = String.UnicodeScalarView()
        var it = s.unicodeScalars.dropFirst().makeIterator()
        while let u = it.next() {
            if u == "\"" { return String(out) }
            guard u == "\\" else { out.append(u); continue }
            guard let e = it.next() else { return nil }
            switch e {
            case "\\": out.append("\\")
            case "\"": out.append("\"")
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "u", "U":
                var hex = ""
                for _ in 0..<(e == "u" ? 4 : 8) { guard let h = it.next() else { return nil }; hex.unicodeScalars.append(h) }
                guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { return nil }
                out.append(scalar)
            default: return nil
            }
        }
        return nil
    }
}
