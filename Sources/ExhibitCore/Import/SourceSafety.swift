/// Refuses sources that could only be read by running code from them. Exhibit parses
/// JSON and text only; a Python pickle (or a PyTorch file, which holds one) runs
/// arbitrary code when loaded, and YAML with tags can construct objects. Such a file is
/// refused with the reason, never opened further.
public enum SourceSafety {
    /// Why `bytes` (the file at `path`) must not be read, or nil when it may be parsed.
    public static func refusal(path: String, bytes: [UInt8]) -> String? {
        let lower = path.lowercased()
        let advice = "convert it to JSON with a vetted offline script first"
        // Pickle protocol 2–5 starts with PROTO (0x80) and the version byte.
        if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) {
            return "a Python pickle: loading it would run code from the file; \(advice)"
        }
        for ext in [".pkl", ".pickle", ".pt", ".pth", ".joblib", ".npy", ".npz"] where lower.hasSuffix(ext) {
            return "a \(ext) file (Python pickle or NumPy object data): loading it may run code from the file; \(advice)"
        }
        for ext in [".yaml", ".yml"] where lower.hasSuffix(ext) {
            return "YAML: its tags can construct objects, and no importer reads YAML; \(advice)"
        }
        // A ZIP (e.g. PyTorch's archive around a pickle) is not JSON either.
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 {
            return "a ZIP archive (a PyTorch checkpoint holds a pickle): not a JSON source; \(advice)"
        }
        return nil
    }
}
