/// The review server's tables, created and migrated by the server itself: migration `n`
/// (from 1) brings the schema from version `n - 1` to `n`; `exhibit_schema_version`
/// holds the version reached. Each migration runs in one transaction with the others,
/// under an advisory lock, so two servers starting at once migrate once.
enum Schema {
    /// Key of the advisory lock held while migrating (any constant of ours).
    static let migrationLock: Int64 = 0x4578_6869_6269_7401

    static let versionTable = "CREATE TABLE IF NOT EXISTS exhibit_schema_version (version integer NOT NULL)"

    /// Statements of each migration, in order (one statement each: the extended query
    /// protocol takes one at a time).
    static let migrations: [[String]] = [
        // 1: users, the event log with its chain head, the current annotations.
        [
            """
            CREATE TABLE exhibit_users (
              name text PRIMARY KEY,
              role text NOT NULL CHECK (role IN ('lead', 'reviewer', 'read-only')),
              token_sha256 text NOT NULL UNIQUE,
              added text NOT NULL)
            """,
            """
            CREATE TABLE exhibit_events (
              seq bigint PRIMARY KEY,
              case_id text NOT NULL,
              annotation text NOT NULL,
              record_id text NOT NULL,
              action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
              author text NOT NULL,
              at text NOT NULL,
              record text NOT NULL,
              prev_hash text NOT NULL,
              hash text NOT NULL,
              UNIQUE (case_id, record_id))
            """,
            "CREATE INDEX exhibit_events_case ON exhibit_events (case_id, seq)",
            // Append-only: the server never updates or deletes an event; anyone who does
            // must first drop this trigger, and `verify` still finds the change.
            """
            CREATE FUNCTION exhibit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'exhibit_events is append-only'; END $$
            """,
            """
            CREATE TRIGGER exhibit_events_append_only BEFORE UPDATE OR DELETE ON exhibit_events
              FOR EACH ROW EXECUTE FUNCTION exhibit_events_append_only()
            """,
            // One row: the last event. Every write locks it, so events get consecutive
            // seq numbers and each links to the one before.
            """
            CREATE TABLE exhibit_chain_head (
              one boolean PRIMARY KEY DEFAULT true CHECK (one),
              seq bigint NOT NULL,
              hash text NOT NULL)
            """,
            "INSERT INTO exhibit_chain_head (one, seq, hash) VALUES (true, 0, '\(EventChain.genesis)')",
            """
            CREATE TABLE exhibit_annotations (
              case_id text NOT NULL,
              id text NOT NULL,
              head text NOT NULL,
              owner text NOT NULL,
              record text NOT NULL,
              deleted boolean NOT NULL,
              created text NOT NULL,
              modified text NOT NULL,
              position bigint NOT NULL,
              PRIMARY KEY (case_id, id))
            """,
            "CREATE INDEX exhibit_annotations_page ON exhibit_annotations (case_id, deleted, position)",
        ],
    ]
}
