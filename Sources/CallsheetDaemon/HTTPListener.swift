import CallsheetHTTP
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle

/// Puts a Hummingbird `Application` around the HTTP front-end's router, on `http.host` and
/// `http.port`, with TLS when `http.tls` is set. The application is a `Service`: the daemon
/// runs it in its one `ServiceGroup` beside the console, and stops it with the rest.
enum HTTPListener {
    static func application(settings: HTTPSettings, frontEnd: HTTPFrontEnd, logger: Logger) throws(ConfigurationError) -> any Service {
        let configuration = ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "callsheetd")
        var httpLogger = logger
        httpLogger[metadataKey: "listener"] = "\(settings.usesTLS ? "https" : "http")://\(settings.host):\(settings.port)"
        guard let certificate = settings.tlsCertificate, let key = settings.tlsKey else {
            return Application(router: frontEnd.router(), configuration: configuration, logger: httpLogger)
        }
        let tls: TLSConfiguration
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        } catch {
            throw ConfigurationError("http.tls: cannot load the certificate \(certificate) or the key \(key) as PEM: \(error)")
        }
        do {
            return Application(router: frontEnd.router(), server: try .tls(.http1(), tlsConfiguration: tls), configuration: configuration, logger: httpLogger)
        } catch {
            throw ConfigurationError("http.tls: \(error)")
        }
    }
}
