//! SMTP that marks a message sent the moment the end of its data has been sent.
//!
//! A receiving server takes responsibility for a message when it reads the end of its
//! data (a line with one dot), then answers. A sender that waits for the answer before
//! marking the outbox row sent leaves a window of the server's whole processing time
//! (a content filter can take seconds) in which a crash sends the message again. So
//! [`Connection::send`] starts the commit that marks the row as soon as the end of data
//! has been flushed to the socket, while the server is still working, and reads the
//! answer alongside; a refusal unmarks the row. What is left of the window is the commit
//! itself (docs/decisions/0005-mail-outbox.md).
//!
//! lettre speaks the protocol; this module owns the connections it speaks over, because
//! lettre's transport sends a message and reads its answer in one call. [`Gated`] is the
//! stream under lettre's connection: armed for a message, it tells when the write after
//! the message's body (the end of data) has been flushed. Our sockets also turn off
//! Nagle's algorithm, which lettre 0.11.23 leaves on.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    AsyncSmtpConnection, AsyncTokioStream, Certificate, CertificateStore, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

/// How long connecting (TLS and greeting included) and each command may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// How long a server may take to answer the end of a message's data (RFC 5321,
/// 4.5.3.2.6: ten minutes), and a goodbye.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(600);
const QUIT_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection idle longer than this is asked whether it is still there (NOOP) before
/// it is used again.
const IDLE_CHECK: Duration = Duration::from_secs(1);

/// How the connection is protected, as lettre reads `smtp_url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    /// `smtp://`, port 25.
    Plain,
    /// `smtp://…?tls=required` or `?tls=opportunistic`, port 587.
    StartTls { required: bool },
    /// `smtps://`, port 465: TLS from the first byte.
    Wrapper,
}

/// The SMTP server messages go to, from `smtp_url`.
#[derive(Clone)]
pub struct SmtpServer {
    host: String,
    port: u16,
    security: Security,
    hello: ClientId,
    credentials: Option<Credentials>,
    /// For STARTTLS: lettre's rustls with the Web PKI roots and `smtp_ca_file`'s.
    starttls: Option<TlsParameters>,
    /// For `smtps://`: rustls with the same roots.
    wrapper: Option<tokio_rustls::TlsConnector>,
}

/// Why a message or a connection failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: String,
    /// The server refused for good (a 5xx answer): retrying will not help.
    pub permanent: bool,
}

impl Failure {
    pub(crate) fn passing(error: impl std::fmt::Display) -> Failure {
        Failure {
            error: error.to_string(),
            permanent: false,
        }
    }
}

impl Failure {
    /// A failed TLS handshake, naming the server; a certificate refused for a reason the
    /// operator can act on says what to do (see [`certificate_hint`]).
    fn tls(server: &SmtpServer, error: &(dyn std::error::Error + 'static)) -> Failure {
        let mut failure = Failure::passing(format!(
            "{}:{}: TLS handshake: {error}",
            server.host, server.port
        ));
        if let Some(hint) = certificate_error(error).and_then(certificate_hint) {
            failure.error.push_str(&format!(" ({hint})"));
        }
        failure
    }
}

/// The certificate error somewhere in `error`'s chain of causes, if any.
fn certificate_error<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a rustls::CertificateError> {
    let mut cause = Some(error);
    while let Some(e) = cause {
        // io::Error's source skips the error it wraps, so look inside it too.
        let inner = e
            .downcast_ref::<io::Error>()
            .and_then(|io| io.get_ref())
            .map(|e| e as &(dyn std::error::Error + 'static));
        for e in [Some(e), inner].into_iter().flatten() {
            if let Some(rustls::Error::InvalidCertificate(certificate)) = e.downcast_ref() {
                return Some(certificate);
            }
        }
        cause = inner.or_else(|| e.source());
    }
    None
}

/// What the operator can do about a mail server's certificate that was refused, for the
/// refusals that have a remedy on their side. The words are the log's and the
/// administrator's mail log's, in English as the settings they name are.
fn certificate_hint(error: &rustls::CertificateError) -> Option<&'static str> {
    use rustls::CertificateError as E;
    match error {
        E::UnknownIssuer => Some(
            "no trusted authority vouches for the mail server's certificate: if it is your \
             organisation's own, name that authority's certificate in smtp_ca_file",
        ),
        E::NotValidForName | E::NotValidForNameContext { .. } => Some(
            "the certificate is not issued for the host smtp_url names: write the mail \
             server's name in smtp_url as its certificate gives it",
        ),
        E::Expired | E::ExpiredContext { .. } => Some(
            "the mail server's certificate has expired: whoever runs the mail server must \
             renew it",
        ),
        E::NotValidYet | E::NotValidYetContext { .. } => {
            Some("the mail server's certificate is not valid yet: check this machine's clock")
        }
        _ => None,
    }
}

impl From<lettre::transport::smtp::Error> for Failure {
    fn from(e: lettre::transport::smtp::Error) -> Failure {
        Failure {
            error: e.to_string(),
            permanent: e.is_permanent(),
        }
    }
}

/// How [`Connection::send`] ended well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Accepted by the server and marked sent.
    Accepted,
    /// Accepted by the server, but not marked: the outbox had given the row to another
    /// sender (this one's lease ran out) or could not be written. It may go twice.
    Unmarked,
}

/// How [`Connection::send`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSent {
    pub failure: Failure,
    /// The row was marked sent as the data ended, before the server refused the message
    /// or failed to answer: recording the failure unmarks it.
    pub marked: bool,
}

impl SmtpServer {
    /// The server `url` names (`smtp://host[:port]`, `…?tls=required`,
    /// `…?tls=opportunistic`, `smtps://host[:port]`, with `user:password@` and a
    /// `/name` for EHLO as lettre reads them). Its certificate must lead to a Web PKI
    /// root or to one of the certificates in `ca_file` (PEM: an organisation's own
    /// certificate authority). The error says what is wrong, and where.
    pub fn from_url(url: &str, ca_file: Option<&Path>) -> Result<SmtpServer, String> {
        let bad = |why: &str| format!("smtp_url: {why}");
        let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let tls = parsed
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let (security, port) = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::Plain, 25),
            ("smtp", Some("required")) => (Security::StartTls { required: true }, 587),
            ("smtp", Some("opportunistic")) => (Security::StartTls { required: false }, 587),
            ("smtps", _) => (Security::Wrapper, 465),
            (scheme, tls) => {
                return Err(bad(&format!(
                    "{scheme}:// with tls={} (use smtp://, smtp://…?tls=required, \
                     smtp://…?tls=opportunistic or smtps://)",
                    tls.unwrap_or("")
                )));
            }
        };
        let hello = match parsed.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|e| bad(&e.to_string()))
        };
        let credentials = match parsed.password() {
            Some(password) => Some(Credentials::new(
                decode(parsed.username())?,
                decode(password)?,
            )),
            None => None,
        };
        let own_roots = match ca_file {
            Some(_) if security == Security::Plain => {
                return Err(bad("smtp_ca_file is set but this URL asks for no TLS \
                     (use smtp://…?tls=required or smtps://)"));
            }
            Some(path) => read_ca_file(path)?,
            None => Vec::new(),
        };
        let mut starttls = None;
        let mut wrapper = None;
        match security {
            Security::Plain => {}
            Security::StartTls { .. } => {
                // The same roots as `smtps://` below, whatever lettre's default becomes.
                let mut builder = TlsParameters::builder(host.clone())
                    .certificate_store(CertificateStore::WebpkiRoots);
                for (n, root) in own_roots.iter().enumerate() {
                    let certificate = Certificate::from_der(root.to_vec())
                        .map_err(|e| format!("smtp_ca_file: certificate {}: {e}", n + 1))?;
                    builder = builder.add_root_certificate(certificate);
                }
                starttls = Some(builder.build().map_err(|e| bad(&format!("TLS: {e}")))?);
            }
            Security::Wrapper => {
                let mut roots = rustls::RootCertStore {
                    roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
                };
                roots.add_parsable_certificates(own_roots);
                // As lettre chooses for STARTTLS: the process's provider, else ring.
                #[allow(deprecated)] // ring's default provider lacks post-quantum key exchange
                let provider = rustls::crypto::CryptoProvider::get_default()
                    .cloned()
                    .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
                let config = rustls::ClientConfig::builder_with_provider(provider)
                    .with_safe_default_protocol_versions()
                    .expect("ring supports TLS 1.2 and 1.3")
                    .with_root_certificates(roots)
                    .with_no_client_auth();
                wrapper = Some(tokio_rustls::TlsConnector::from(Arc::new(config)));
            }
        }
        Ok(SmtpServer {
            port: parsed.port().unwrap_or(port),
            host,
            security,
            hello,
            credentials,
            starttls,
            wrapper,
        })
    }

    /// A new connection, greeted, encrypted as the URL asks and signed in.
    pub async fn connect(&self) -> Result<Connection, Failure> {
        tokio::time::timeout(TIMEOUT, self.open())
            .await
            .unwrap_or_else(|_| Err(Failure::passing("no answer from the SMTP server")))
    }

    async fn open(&self) -> Result<Connection, Failure> {
        let tcp = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|e| Failure::passing(format!("{}:{}: {e}", self.host, self.port)))?;
        // The end-of-data mark is five bytes written on their own: with Nagle's
        // algorithm they would wait for the server's delayed acknowledgement.
        tcp.set_nodelay(true).map_err(Failure::passing)?;
        let peer = tcp.peer_addr().map_err(Failure::passing)?;
        let gate = Arc::new(Mutex::new(Gate::default()));
        // With STARTTLS, lettre's TLS comes to sit above the gate; for `smtps://` ours is
        // below it. Either way each of lettre's writes ends with a flush the gate sees.
        let stream: Box<dyn AsyncTokioStream> = match &self.wrapper {
            Some(tls) => {
                let name = rustls::pki_types::ServerName::try_from(self.host.clone())
                    .map_err(Failure::passing)?;
                let tls = tls
                    .connect(name, tcp)
                    .await
                    .map_err(|e| Failure::tls(self, &e))?;
                Box::new(Gated::new(tls, peer, gate.clone()))
            }
            None => Box::new(Gated::new(tcp, peer, gate.clone())),
        };
        let mut smtp = AsyncSmtpConnection::connect_with_transport(stream, &self.hello).await?;
        if let Security::StartTls { required } = self.security {
            if smtp.can_starttls() {
                let tls = self.starttls.clone().expect("built with the URL");
                smtp.starttls(tls, &self.hello)
                    .await
                    .map_err(|e| Failure::tls(self, &e))?;
            } else if required {
                smtp.abort().await;
                return Err(Failure::passing(
                    "the SMTP server does not offer STARTTLS, which smtp_url requires",
                ));
            }
        }
        if let Some(credentials) = &self.credentials {
            smtp.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await?;
        }
        Ok(Connection {
            smtp,
            gate,
            usable: true,
            last_used: std::time::Instant::now(),
        })
    }
}

/// The certificates in `path` (PEM), each checked to be usable as a root; the error
/// names the file and what is wrong with it.
fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bad = |why: String| format!("smtp_ca_file: {}: {why}", path.display());
    let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let roots = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("not PEM ({e})")))?;
    if roots.is_empty() {
        return Err(bad(
            "no certificate in it (-----BEGIN CERTIFICATE-----)".into()
        ));
    }
    for (n, root) in roots.iter().enumerate() {
        rustls::RootCertStore::empty()
            .add(root.clone())
            .map_err(|e| bad(format!("certificate {}: {e}", n + 1)))?;
    }
    Ok(roots)
}

/// One connection to the SMTP server, sending one message at a time.
pub struct Connection {
    smtp: AsyncSmtpConnection,
    gate: Arc<Mutex<Gate>>,
    /// False once something went wrong on it: it is then dropped, not reused.
    usable: bool,
    last_used: std::time::Instant,
}

impl Connection {
    /// Whether another message may be sent on this connection.
    pub fn usable(&self) -> bool {
        self.usable && !self.smtp.has_broken()
    }

    /// Whether the server still listens on it: asked (NOOP) only after a pause, in which
    /// a server may have closed it.
    pub async fn alive(&mut self) -> bool {
        if self.last_used.elapsed() < IDLE_CHECK {
            return true;
        }
        tokio::time::timeout(TIMEOUT, self.smtp.test_connected())
            .await
            .unwrap_or(false)
    }

    /// Says goodbye (after the last message).
    pub async fn quit(mut self) {
        if self.usable() {
            let _ = tokio::time::timeout(QUIT_TIMEOUT, self.smtp.quit()).await;
        }
    }

    /// Sends `email` to `envelope`'s receivers. Once the end of its data has been
    /// flushed, `mark` (the outbox's "sent", committed; `true` if it was) runs while the
    /// server answers. After a failure the connection is not [`usable`](Self::usable).
    pub async fn send<F>(
        &mut self,
        envelope: &Envelope,
        email: &[u8],
        mark: impl FnOnce() -> F,
    ) -> Result<Sent, NotSent>
    where
        F: Future<Output = bool>,
    {
        let ready = tokio::time::timeout(TIMEOUT, self.begin(envelope, email))
            .await
            .unwrap_or_else(|_| Err(Failure::passing("no answer from the SMTP server")));
        self.last_used = std::time::Instant::now();
        if let Err(failure) = ready {
            self.usable = false;
            // A goodbye if the server still answers; the connection is dropped anyway.
            let _ = tokio::time::timeout(QUIT_TIMEOUT, self.smtp.abort()).await;
            return Err(NotSent {
                failure,
                marked: false,
            });
        }
        let mut ended = self.gate.lock().expect("gate").arm();
        let gate = self.gate.clone();
        let message = self.smtp.message(email);
        tokio::pin!(message);
        // Until the end of data is flushed (or the message fails before that, or the
        // answer comes in the same turn).
        let early = tokio::time::timeout(TIMEOUT, async {
            tokio::select! {
                biased;
                answer = &mut message => Some(answer),
                _ = &mut ended => None,
            }
        })
        .await;
        let data_ended = gate.lock().expect("gate").data_ended;
        let (marked, answer) = match early {
            Err(_) if !data_ended => (
                false,
                Err(Failure::passing("the SMTP server stopped reading")),
            ),
            Ok(Some(answer)) if !data_ended => (
                false,
                Err(match answer {
                    Err(e) => Failure::from(e),
                    Ok(_) => {
                        Failure::passing("the SMTP server answered before the end of the data")
                    }
                }),
            ),
            // The answer came with the end of data: mark only a yes.
            Ok(Some(Ok(_))) => (mark().await, Ok(())),
            Ok(Some(Err(e))) => (false, Err(Failure::from(e))),
            // The end of data has left for the server: mark it while the server answers.
            Ok(None) | Err(_) => {
                let answered = async {
                    match tokio::time::timeout(ANSWER_TIMEOUT, &mut message).await {
                        Ok(answer) => answer.map(|_| ()).map_err(Failure::from),
                        Err(_) => Err(Failure::passing(
                            "no answer from the SMTP server after the message",
                        )),
                    }
                };
                tokio::join!(mark(), answered)
            }
        };
        self.last_used = std::time::Instant::now();
        match answer {
            Ok(()) if marked => Ok(Sent::Accepted),
            Ok(()) => Ok(Sent::Unmarked),
            Err(failure) => {
                self.usable = false;
                Err(NotSent { failure, marked })
            }
        }
    }

    /// MAIL, RCPT and DATA, with the options lettre's own `send` would choose.
    async fn begin(&mut self, envelope: &Envelope, email: &[u8]) -> Result<(), Failure> {
        let server = self.smtp.server_info();
        let needs = |extension, what: &str| {
            if server.supports_feature(extension) {
                Ok(())
            } else {
                Err(Failure {
                    error: format!("{what} and the SMTP server does not take {extension}"),
                    permanent: true,
                })
            }
        };
        let mut options = Vec::new();
        let non_ascii = envelope
            .from()
            .into_iter()
            .chain(envelope.to())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii {
            needs(Extension::SmtpUtfEight, "the address is not ASCII")?;
            options.push(MailParameter::SmtpUtfEight);
        }
        if !email.is_ascii() {
            needs(Extension::EightBitMime, "the message is not ASCII")?;
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        self.smtp
            .command(Mail::new(envelope.from().cloned(), options))
            .await?;
        for to in envelope.to() {
            self.smtp.command(Rcpt::new(to.clone(), vec![])).await?;
        }
        self.smtp.command(Data).await?;
        Ok(())
    }
}

/// Where a connection's message is, as its [`Gated`] stream sees it.
#[derive(Default)]
enum Phase {
    /// Commands and answers.
    #[default]
    Open,
    /// The message's body is being written; `ended` is told after the next flush but one.
    Body { ended: oneshot::Sender<()> },
    /// The body is flushed; the next flush is the end of data's.
    End { ended: oneshot::Sender<()> },
}

#[derive(Default)]
struct Gate {
    phase: Phase,
    /// The end of the current message's data has been flushed.
    data_ended: bool,
}

impl Gate {
    /// Arms the gate for one message: returns what says its data has ended.
    fn arm(&mut self) -> oneshot::Receiver<()> {
        let (ended, told) = oneshot::channel();
        self.phase = Phase::Body { ended };
        self.data_ended = false;
        told
    }

    /// A flush completed.
    fn flushed(&mut self) {
        self.phase = match std::mem::take(&mut self.phase) {
            Phase::Body { ended } => Phase::End { ended },
            Phase::End { ended } => {
                self.data_ended = true;
                let _ = ended.send(());
                Phase::Open
            }
            Phase::Open => Phase::Open,
        };
    }
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Gate")
    }
}

/// The stream under lettre's connection (see the module's documentation): lettre writes
/// a message's body, flushes, writes the end of data and flushes again.
#[derive(Debug)]
struct Gated<S> {
    inner: S,
    peer: SocketAddr,
    gate: Arc<Mutex<Gate>>,
}

impl<S> Gated<S> {
    fn new(inner: S, peer: SocketAddr, gate: Arc<Mutex<Gate>>) -> Gated<S> {
        Gated { inner, peer, gate }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Gated<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Gated<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(Pin::new(&mut this.inner).poll_flush(cx))?;
        this.gate.lock().expect("gate").flushed();
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl<S> AsyncTokioStream for Gated<S>
where
    S: AsyncRead + AsyncWrite + Send + Sync + Unpin + std::fmt::Debug,
{
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.peer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const ADDR: SocketAddr =
        SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 25);

    #[tokio::test]
    async fn the_end_of_data_is_told_once_it_is_flushed_not_before() {
        let (near, mut far) = tokio::io::duplex(1024);
        let gate = Arc::new(Mutex::new(Gate::default()));
        let mut gated = Gated::new(near, ADDR, gate.clone());
        // A command before the message is no part of it.
        gated.write_all(b"DATA\r\n").await.unwrap();
        gated.flush().await.unwrap();
        let mut ended = gate.lock().unwrap().arm();
        gated.write_all(b"Subject: x\r\n\r\nbody").await.unwrap();
        gated.flush().await.unwrap();
        assert!(ended.try_recv().is_err(), "the body alone is not the end");
        gated.write_all(b"\r\n.\r\n").await.unwrap();
        assert!(ended.try_recv().is_err(), "written but not flushed");
        assert!(!gate.lock().unwrap().data_ended);
        gated.flush().await.unwrap();
        assert!(ended.try_recv().is_ok());
        assert!(gate.lock().unwrap().data_ended);
        drop(gated);
        let mut got = Vec::new();
        far.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"DATA\r\nSubject: x\r\n\r\nbody\r\n.\r\n");
    }

    #[test]
    fn urls_are_read_as_lettre_reads_them() {
        let plain = SmtpServer::from_url("smtp://127.0.0.1:2525", None).unwrap();
        assert_eq!((plain.port, plain.security), (2525, Security::Plain));
        let submission =
            SmtpServer::from_url("smtp://u%40x:p%20w@mail.kommun.se?tls=required", None).unwrap();
        assert_eq!(
            (submission.port, submission.security),
            (587, Security::StartTls { required: true })
        );
        assert_eq!(
            submission.credentials,
            Some(Credentials::new("u@x".into(), "p w".into()))
        );
        let wrapped = SmtpServer::from_url("smtps://mail.kommun.se/lofte.kommun.se", None).unwrap();
        assert_eq!((wrapped.port, wrapped.security), (465, Security::Wrapper));
        assert_eq!(wrapped.hello, ClientId::Domain("lofte.kommun.se".into()));
        assert!(wrapped.wrapper.is_some());
        let error = SmtpServer::from_url("http://mail.kommun.se", None)
            .err()
            .unwrap();
        assert!(error.starts_with("smtp_url: http://"), "{error}");
        assert!(SmtpServer::from_url("smtp://", None).is_err());
        assert!(submission.starttls.is_some() && wrapped.wrapper.is_some());
    }

    #[test]
    fn a_refused_certificate_says_what_the_operator_can_do_about_it() {
        use rustls::CertificateError as E;
        let server = SmtpServer::from_url("smtps://mail.kommun.se", None).unwrap();
        // As tokio-rustls hands it over: the rustls error inside an io::Error.
        let failure = |certificate: E| {
            let error = io::Error::new(
                io::ErrorKind::InvalidData,
                rustls::Error::InvalidCertificate(certificate),
            );
            Failure::tls(&server, &error).error
        };
        let cases = [
            (E::UnknownIssuer, "smtp_ca_file"),
            (E::NotValidForName, "smtp_url"),
            (E::Expired, "renew"),
            (E::NotValidYet, "clock"),
        ];
        for (certificate, remedy) in cases {
            let said = failure(certificate);
            assert!(
                said.starts_with("mail.kommun.se:465: TLS handshake: "),
                "{said}"
            );
            assert!(said.contains(remedy), "{said}");
        }
        // Without a remedy on the operator's side, rustls's words alone.
        let said = failure(E::BadSignature);
        assert!(!said.contains('('), "{said}");
        let said = Failure::tls(&server, &io::Error::other("connection reset")).error;
        assert_eq!(said, "mail.kommun.se:465: TLS handshake: connection reset");
    }

    #[test]
    fn a_ca_file_that_holds_no_certificate_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let url = "smtp://mail.kommun.se?tls=required";
        let missing = dir.path().join("saknas.pem");
        let error = SmtpServer::from_url(url, Some(&missing)).err().unwrap();
        assert!(
            error.starts_with("smtp_ca_file: ") && error.contains("saknas.pem"),
            "{error}"
        );
        // A file of one PEM section of `label`, with a body too short to be anything.
        let pem = |name: &str, label: &str| {
            let path = dir.path().join(name);
            let body = format!("-----BEGIN {label}-----\nAAAA\n-----END {label}-----\n");
            std::fs::write(&path, body).unwrap();
            path
        };
        let key_only = pem("nyckel.pem", "PRIVATE KEY");
        let error = SmtpServer::from_url(url, Some(&key_only)).err().unwrap();
        assert!(error.contains("no certificate"), "{error}");
        let garbled = pem("trasig.pem", "CERTIFICATE");
        let error = SmtpServer::from_url(url, Some(&garbled)).err().unwrap();
        assert!(error.contains("trasig.pem: certificate 1"), "{error}");
        let error = SmtpServer::from_url("smtp://127.0.0.1", Some(&garbled))
            .err()
            .unwrap();
        assert!(error.contains("asks for no TLS"), "{error}");
    }
}
