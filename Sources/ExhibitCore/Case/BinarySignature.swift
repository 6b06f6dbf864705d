/// A binary file format recognized by its first bytes (its "magic number"), and how to
/// get text out of it (SPEC §1: the error names the format and the way out).
public struct BinarySignature: Sendable, Hashable {
    /// The format, for a person: `PDF document`.
    public var format: String
    /// How to get the text out, e.g. `pdftotext -layout FILE.pdf FILE.txt`.
    public var advice: String
    /// The bytes the file begins with; nil entries match any byte.
    var magic: [UInt8?]

    /// The known signatures, checked in order (the first match wins). Sources: each
    /// format's specification (PDF ISO 32000 §7.5.2, ZIP APPNOTE 4.3.7, PNG §5.2, JPEG
    /// SOI marker, GIF89a, RFC 1952 gzip, ELF gABI, CFB [MS-CFB] 2.2, bzip2, xz, 7z,
    /// Zstandard RFC 8878, SQLite file format 1.3, RIFF/WebP, TIFF 6.0, WebAssembly).
    public static let known: [BinarySignature] = [
        .init("PDF document", "extract its text first, e.g. pdftotext -layout FILE.pdf FILE.txt", "%PDF-"),
        .init("ZIP archive (also DOCX, XLSX, PPTX, ODT, EPUB)",
              "for a word-processor file, save it as plain text or run pandoc FILE -t plain -o FILE.txt; otherwise unzip it",
              [0x50, 0x4B, 0x03, 0x04]),
        .init("ZIP archive (empty)", "unzip it; it holds no files", [0x50, 0x4B, 0x05, 0x06]),
        .init("ZIP archive (spanned)", "join and unzip it", [0x50, 0x4B, 0x07, 0x08]),
        .init("PNG image", "an image holds no text; if it is a scan, run OCR, e.g. tesseract FILE.png FILE",
              [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        .init("JPEG image", "an image holds no text; if it is a scan, run OCR, e.g. tesseract FILE.jpg FILE",
              [0xFF, 0xD8, 0xFF]),
        .init("GIF image", "an image holds no text", "GIF87a"),
        .init("GIF image", "an image holds no text", "GIF89a"),
        .init("gzip-compressed file", "decompress it first, e.g. gunzip -k FILE.gz", [0x1F, 0x8B]),
        .init("bzip2-compressed file", "decompress it first, e.g. bunzip2 -k FILE.bz2",
              [0x42, 0x5A, 0x68, nil, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]),
        .init("xz-compressed file", "decompress it first, e.g. unxz -k FILE.xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        .init("7z archive", "extract it first, e.g. 7z x FILE.7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        .init("Zstandard-compressed file", "decompress it first, e.g. unzstd FILE.zst", [0x28, 0xB5, 0x2F, 0xFD]),
        .init("ELF executable or library", "a program, not a text", [0x7F, 0x45, 0x4C, 0x46]),
        .init("Microsoft Office 97–2003 document (DOC, XLS, PPT)",
              "save it as plain text, or extract it, e.g. antiword FILE.doc > FILE.txt",
              [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        .init("SQLite database", "export the text column, e.g. sqlite3 FILE 'select text from …'", "SQLite format 3\0"),
        .init("WebP image", "an image holds no text",
              [0x52, 0x49, 0x46, 0x46, nil, nil, nil, nil, 0x57, 0x45, 0x42, 0x50]),
        .init("TIFF image", "an image holds no text; if it is a scan, run OCR, e.g. tesseract FILE.tif FILE",
              [0x49, 0x49, 0x2A, 0x00]),
        .init("TIFF image", "an image holds no text; if it is a scan, run OCR, e.g. tesseract FILE.tif FILE",
              [0x4D, 0x4D, 0x00, 0x2A]),
        .init("WebAssembly module", "a program, not a text", [0x00, 0x61, 0x73, 0x6D]),
    ]

    init(_ format: String, _ advice: String, _ magic: [UInt8?]) {
        self.format = format
        self.advice = advice
        self.magic = magic
    }

    init(_ format: String, _ advice: String, _ magic: String) {
        self.init(format, advice, Array(magic.utf8).map { Optional($0) })
    }

    /// The signature `bytes` begin with, or nil.
    public static func match(_ bytes: [UInt8]) -> BinarySignature? {
        known.first { signature in
            signature.magic.count <= bytes.count
                && zip(signature.magic, bytes).allSatisfy { expected, byte in expected == nil || expected == byte }
        }
    }
}

/// A file is binary (SPEC §1): it begins with a known binary signature, or more than
/// 10 % of its first 64 KiB are NUL bytes (NUL code units for UTF-16).
public struct BinaryContentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The two causes SPEC §1 allows.
    public enum Reason: Sendable, Hashable {
        /// It begins with this format's signature.
        case signature(BinarySignature)
        /// `count` NUL bytes among the first `window` bytes (the first 64 KiB, or the
        /// whole file when shorter).
        case nulBytes(count: Int, window: Int)
    }

    /// Why the file is binary.
    public var reason: Reason
    /// The encoding the file was read in (the byte-order mark decides).
    public var encoding: TextEncoding

    public var description: String {
        switch reason {
        case .signature(let s):
            return "binary content: a \(s.format), not a text file; \(s.advice)"
        case .nulBytes(let count, let window):
            let what = encoding == .utf8 ? "NUL bytes" : "U+0000 code units in \(encoding.rawValue)"
            var advice = "text files must be UTF-8, Windows-1252, or UTF-16 with a byte-order mark"
            if encoding == .utf8 { advice += " (UTF-16 without one: iconv -f UTF-16LE -t UTF-8 FILE)" }
            return "binary content: \(count) of the first \(window) bytes are \(what) (more than 10 %); \(advice)"
        }
    }
}
