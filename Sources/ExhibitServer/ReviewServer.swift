import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore

/// `exhibit serve`: the review server (SPEC §11) on a PostgreSQL database.
public enum ReviewServer {
    /// What to serve and where.
    public struct Options: Sendable {
        public var database: DatabaseURL
        public var listen: ListenAddress
        /// PEM certificate chain and private key; both or neither.
        public var tlsCertificate: String?
        public var tlsKey: String?
        /// Annotations per container page.
        public var pageSize: Int

        public init(database: DatabaseURL, listen: ListenAddress, tlsCertificate: String? = nil, tlsKey: String? = nil,
                    pageSize: Int = 100) {
            self.database = database
            self.listen = listen
            self.tlsCertificate = tlsCertificate
            self.tlsKey = tlsKey
            self.pageSize = pageSize
        }
    }

    /// Why the server does not start.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks the options before anything starts.
    /// - Throws: `Refusal` when only one of certificate and key is given, or when the
    ///   address is not loopback and there is no TLS (tokens would cross the network in clear).
    public static func check(_ o: Options) throws {
        if (o.tlsCertificate == nil) != (o.tlsKey == nil) {
            throw Refusal(description: "--tls-cert and --tls-key go together: give both or neither")
        }
        if !o.listen.isLoopback && o.tlsCertificate == nil {
            throw Refusal(description: "refusing to listen on \(o.listen) without TLS: bearer tokens would cross the "
                          + "network in clear. Give --tls-cert FILE --tls-key FILE (PEM), or listen on 127.0.0.1")
        }
        if !(1...1000).contains(o.pageSize) {
            throw Refusal(description: "--page-size must be from 1 to 1000, got \(o.pageSize)")
        }
    }

    /// Migrates the schema, then serves until SIGINT or SIGTERM. `onListening` gets the
    /// URL the server answers on (with the port the system chose for port 0).
    /// - Throws: `Refusal`, TLS file errors, database errors.
    public static func run(_ o: Options, onListening: @escaping @Sendable (String) -> Void) async throws {
        try check(o)
        var logger = Logger(label: "exhibit.serve")
        logger.logLevel = .warning
        let db = ReviewDatabase(url: o.database, logger: logger)
        let scheme = o.tlsCertificate == nil ? "http" : "https"
        let server: HTTPServerBuilder
        if let cert = o.tlsCertificate, let key = o.tlsKey {
            let chain: [NIOSSLCertificate]
            let privateKey: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMFile(cert)
                privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            } catch {
                throw Refusal(description: "cannot read the TLS certificate \(cert) or key \(key): \(error)")
            }
            let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                               privateKey: .privateKey(privateKey))
            server = try .tls(.http1(), tlsConfiguration: tls)
        } else {
            server = .http1()
        }
        let host = o.listen.host
        var app = Application(
            responder: AnnotationProtocol(db: db, pageSize: o.pageSize, scheme: scheme),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: o.listen.port), serverName: "exhibit"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? o.listen.port
                let shown = host.contains(":") ? "[\(host)]" : host
                onListening("\(scheme)://\(shown):\(port)")
            },
            logger: logger)
        app.addServices(db.client)
        // The schema is ready before the first request is answered.
        app.beforeServerStarts { try await db.migrate() }
        try await app.runService()
    }
}
