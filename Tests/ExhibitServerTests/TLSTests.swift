import Foundation
import Testing

/// `exhibit serve` on a non-loopback address with `--tls-cert/--tls-key`: it serves
/// HTTPS (a self-signed certificate made by openssl, checked with curl), and the
/// protocol answers as on loopback.
@Suite(.serialized) struct TLSTests {
    static func tool(_ name: String) -> Bool {
        ["/usr/bin", "/bin", "/usr/local/bin"].contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    @Test(.enabled(if: PostgresCluster.unavailable == nil && ExhibitBinary.path != nil && tool("openssl") && tool("curl"),
                   "needs PostgreSQL, the exhibit executable, openssl and curl"))
    func servesHTTPSOnEveryInterface() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let db = try cluster.createDatabase("tls")
        let token = try ExhibitBinary.addUser("ana", role: "lead", db: db)
        let dir = cluster.folder + "-tls"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Subprocess.check(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                              "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem"])
        let port = try PostgresCluster.freePort()
        let pid = try Subprocess.spawn([ExhibitBinary.path!, "serve", "--db", db, "--listen", "0.0.0.0:\(port)",
                                        "--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"], output: dir + "/serve.log")
        defer {
            kill(pid, SIGKILL)
            Subprocess.wait(pid)
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !((try? String(contentsOfFile: dir + "/serve.log", encoding: .utf8)) ?? "").contains("listening on") {
            usleep(50_000)
        }
        let log = (try? String(contentsOfFile: dir + "/serve.log", encoding: .utf8)) ?? ""
        #expect(log.contains("listening on https://0.0.0.0:\(port)"), "\(log)")
        let url = "https://127.0.0.1:\(port)/cases/c/annotations/"
        let anonymous = try Subprocess.run(["curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(anonymous.output == "401")
        let signed = try Subprocess.run(["curl", "-sk", "-H", "Authorization: Bearer \(token)", url])
        #expect(signed.output.contains("\"total\":0") && signed.output.contains("\"id\":\"https://127.0.0.1:\(port)/cases/c/annotations/\""),
                "\(signed.output)")
        // Plain HTTP gets no answer from the TLS port.
        let plain = try Subprocess.run(["curl", "-s", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/cases/c/annotations/"])
        #expect(plain.output != "401" && plain.output != "200")
    }
}
