/// The results store's tables (documented for analysts in docs/results-store.md).
/// A store whose `meta.schema_version` differs from `version` is rebuilt, never read.
enum StoreSchema {
    /// Bump on any change to a table or to `ResultCodec`'s layout.
    // 5: every record blob sealed (`SealedRecord`); 6: pairs ordered by their
    // (work_idx, output_idx), their idx only a row name (`ResultsStore.addOutputs`);
    // 7: passages clustered by their key (`WITHOUT ROWID`: one b-tree, not two).
    static let version = 7

    /// The `meta.application` value that tells an Exhibit store from another SQLite file.
    static let application = "exhibit results store"

    static let tables = """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE works (
            idx INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, tokens INTEGER NOT NULL,
            excluded_tokens INTEGER NOT NULL, strict_coverage REAL NOT NULL, loose_coverage REAL NOT NULL,
            longest_block INTEGER NOT NULL, long_passages INTEGER NOT NULL,
            outputs_contributing INTEGER NOT NULL, attempts INTEGER NOT NULL, hits INTEGER NOT NULL,
            record BLOB NOT NULL);
        CREATE TABLE work_models (
            work_idx INTEGER NOT NULL REFERENCES works(idx), model TEXT NOT NULL,
            strict_coverage REAL NOT NULL, loose_coverage REAL NOT NULL, longest_block INTEGER NOT NULL,
            long_passages INTEGER NOT NULL, outputs_contributing INTEGER NOT NULL,
            attempts INTEGER NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (work_idx, model));
        CREATE TABLE outputs (
            idx INTEGER PRIMARY KEY, id TEXT NOT NULL, model TEXT, method TEXT NOT NULL, work TEXT,
            tokens INTEGER NOT NULL, echo_tokens INTEGER NOT NULL, traced_coverage REAL NOT NULL,
            fingerprint TEXT, record BLOB NOT NULL);
        CREATE TABLE pairs (
            idx INTEGER PRIMARY KEY, work_idx INTEGER NOT NULL REFERENCES works(idx),
            output_idx INTEGER NOT NULL REFERENCES outputs(idx), work TEXT NOT NULL, output TEXT NOT NULL,
            classification TEXT NOT NULL, work_coverage REAL NOT NULL, strict_coverage REAL NOT NULL,
            output_coverage REAL NOT NULL, matched_words INTEGER NOT NULL, supplied INTEGER NOT NULL,
            evidence INTEGER NOT NULL, longest_verbatim INTEGER NOT NULL, longest_passage INTEGER NOT NULL,
            record BLOB NOT NULL);
        CREATE UNIQUE INDEX pairs_by_work_output ON pairs (work_idx, output_idx);
        CREATE TABLE passages (
            pair_idx INTEGER NOT NULL REFERENCES pairs(idx), number INTEGER NOT NULL,
            work TEXT NOT NULL, output TEXT NOT NULL,
            work_start INTEGER NOT NULL, work_end INTEGER NOT NULL,
            work_first_token INTEGER NOT NULL, work_end_token INTEGER NOT NULL,
            output_start INTEGER NOT NULL, output_end INTEGER NOT NULL,
            output_first_token INTEGER NOT NULL, output_end_token INTEGER NOT NULL,
            matched INTEGER NOT NULL, longest_verbatim INTEGER NOT NULL, identity REAL NOT NULL,
            tier TEXT NOT NULL, label TEXT NOT NULL, evidence INTEGER NOT NULL, also_in TEXT NOT NULL,
            PRIMARY KEY (pair_idx, number)) WITHOUT ROWID;
        CREATE TABLE result (id INTEGER PRIMARY KEY CHECK (id = 1), record BLOB NOT NULL);
        CREATE TABLE case_files (
            path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
            inode INTEGER NOT NULL, device INTEGER NOT NULL, sha256 TEXT NOT NULL);
        CREATE TABLE case_outline (id INTEGER PRIMARY KEY CHECK (id = 1), record BLOB NOT NULL);
        """
}
