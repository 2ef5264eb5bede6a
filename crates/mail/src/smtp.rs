//! SMTP that sends each message once: the end-of-data mark waits for the outbox.
//!
//! A receiving server takes responsibility for a message when it reads the line with a
//! single dot that ends the data; before that, a broken connection leaves it nothing to
//! deliver. So a message is sent whole but for that mark, the outbox row is marked sent
//! in a commit that also checks this sender still holds it, and only then does the mark
//! go out ([`Connection::send`]). A sender killed before the commit leaves a message the
//! server throws away and a row sent again after its lease; one killed after it has
//! nothing left to repeat. What is left is the moment between the commit and the write
//! of five bytes, and a server that refuses a message after the mark, which unmarks it
//! (docs/decisions/0005-mail-outbox.md).
//!
//! lettre speaks the protocol; this module owns the connections it speaks over, because
//! lettre's transport sends a message and its mark in one call. [`Gated`] is the stream
//! under lettre's connection: once armed, it lets the message's bytes through up to
//! their flush and holds the next write, the mark, until told to let it go or refuse it.
//! Our sockets also turn off Nagle's algorithm, which lettre 0.11.23's left on.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

/// How long connecting (TLS and greeting included) and each message may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What ends a message's data: the bytes held back until the outbox says "sent".
const END_OF_DATA: &[u8] = b"\r\n.\r\n";

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
    /// For `smtps://`: rustls with the Web PKI roots, as lettre uses for STARTTLS.
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
    /// Marked sent, finished, and accepted by the server.
    Accepted,
    /// The outbox gave the message to another sender while this one wrote it (its lease
    /// ran out): it was left unfinished, and the server throws it away.
    NotOurs,
}

/// How [`Connection::send`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSent {
    pub failure: Failure,
    /// The row was marked sent before the failure (the server refused the finished
    /// message, or did not answer): recording the failure unmarks it.
    pub marked: bool,
}

impl SmtpServer {
    /// The server `url` names (`smtp://host[:port]`, `…?tls=required`,
    /// `…?tls=opportunistic`, `smtps://host[:port]`, with `user:password@` and a
    /// `/name` for EHLO as lettre reads them); the error says what is wrong.
    pub fn from_url(url: &str) -> Result<SmtpServer, String> {
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
            ("smtps", None) => (Security::Wrapper, 465),
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
        // The process's rustls provider (ring, the only one in the tree), as lettre's
        // STARTTLS uses it.
        let wrapper = (security == Security::Wrapper).then(|| {
            let roots = rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            let config = rustls::ClientConfig::builder()
                .with_root_certificates(roots)
                .with_no_client_auth();
            tokio_rustls::TlsConnector::from(Arc::new(config))
        });
        Ok(SmtpServer {
            port: parsed.port().unwrap_or(port),
            host,
            security,
            hello,
            credentials,
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
        let stream: Box<dyn AsyncTokioStream> = match &self.wrapper {
            Some(tls) => {
                let name = rustls::pki_types::ServerName::try_from(self.host.clone())
                    .map_err(Failure::passing)?;
                let tls = tls.connect(name, tcp).await.map_err(Failure::passing)?;
                Box::new(Gated::new(tls, peer, gate.clone(), true))
            }
            None => Box::new(Gated::new(tcp, peer, gate.clone(), true)),
        };
        let mut smtp = AsyncSmtpConnection::connect_with_transport(stream, &self.hello).await?;
        if let Security::StartTls { required } = self.security {
            if smtp.can_starttls() {
                let tls = TlsParameters::new(self.host.clone())?;
                smtp.starttls(tls, &self.hello).await?;
                // lettre's TLS now sits above the gate, which sees only ciphertext.
                gate.lock().expect("gate").sees_plaintext = false;
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
        })
    }
}

/// One connection to the SMTP server, sending one message at a time.
pub struct Connection {
    smtp: AsyncSmtpConnection,
    gate: Arc<Mutex<Gate>>,
    /// False once something went wrong on it: it is then dropped, not reused.
    usable: bool,
}

impl Connection {
    /// Whether another message may be sent on this connection.
    pub fn usable(&self) -> bool {
        self.usable && !self.smtp.has_broken()
    }

    /// Says goodbye (after the last message).
    pub async fn quit(mut self) {
        if self.usable() {
            let _ = tokio::time::timeout(TIMEOUT, self.smtp.quit()).await;
        }
    }

    /// Sends `email` to `envelope`'s receivers, all of it but the end-of-data mark; then
    /// awaits `finish` (the outbox's "sent", committed) and sends the mark only if it
    /// says yes. After a failure the connection is not [`usable`](Self::usable).
    pub async fn send<F>(
        &mut self,
        envelope: &Envelope,
        email: &[u8],
        finish: impl FnOnce() -> F,
    ) -> Result<Sent, NotSent>
    where
        F: Future<Output = bool>,
    {
        let unmarked = |failure: Failure| NotSent {
            failure,
            marked: false,
        };
        let ready = tokio::time::timeout(TIMEOUT, self.begin(envelope, email))
            .await
            .unwrap_or_else(|_| Err(Failure::passing("no answer from the SMTP server")));
        if let Err(failure) = ready {
            self.usable = false;
            self.smtp.abort().await;
            return Err(unmarked(failure));
        }
        let (go, held) = oneshot::channel();
        let written = self.gate.lock().expect("gate").arm(held);
        let gate = self.gate.clone();
        let smtp = &mut self.smtp;
        let message = smtp.message(email);
        tokio::pin!(message);
        // Everything but the mark: the body is flushed, or the connection failed.
        let wrote = tokio::time::timeout(TIMEOUT, async {
            tokio::select! {
                biased;
                answer = &mut message => Err(match answer {
                    Err(e) => Failure::from(e),
                    Ok(_) => Failure::passing("the SMTP server answered before the end of the message"),
                }),
                _ = written => Ok(()),
            }
        })
        .await
        .unwrap_or_else(|_| Err(Failure::passing("the SMTP server stopped reading")));
        if let Err(failure) = wrote {
            self.usable = false;
            return Err(unmarked(failure));
        }
        if !finish().await {
            // Never finished: dropped with the connection, which is not used again.
            let _ = go.send(false);
            gate.lock().expect("gate").phase = Phase::Refused;
            self.usable = false;
            return Ok(Sent::NotOurs);
        }
        let _ = go.send(true);
        let answer = match tokio::time::timeout(TIMEOUT, &mut message).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Failure::from(e)),
            Err(_) => Err(Failure::passing(
                "no answer from the SMTP server after the message",
            )),
        };
        answer.map(|()| Sent::Accepted).map_err(|failure| {
            self.usable = false;
            NotSent {
                failure,
                marked: true,
            }
        })
    }

    /// MAIL, RCPT and DATA, with the options lettre's own `send` would choose.
    async fn begin(&mut self, envelope: &Envelope, email: &[u8]) -> Result<(), Failure> {
        let mut options = Vec::new();
        let non_ascii = envelope
            .from()
            .into_iter()
            .chain(envelope.to())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii {
            if !self
                .smtp
                .server_info()
                .supports_feature(Extension::SmtpUtfEight)
            {
                return Err(Failure {
                    error: "the address is not ASCII and the SMTP server does not take SMTPUTF8"
                        .to_owned(),
                    permanent: true,
                });
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !email.is_ascii() {
            if !self
                .smtp
                .server_info()
                .supports_feature(Extension::EightBitMime)
            {
                return Err(Failure {
                    error: "the message is not ASCII and the SMTP server does not take 8BITMIME"
                        .to_owned(),
                    permanent: true,
                });
            }
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
    /// Commands and answers: writes pass.
    #[default]
    Open,
    /// The message's bytes pass; `written` is told when they have been flushed.
    Writing {
        written: oneshot::Sender<()>,
        go: oneshot::Receiver<bool>,
    },
    /// The next write (the end-of-data mark) waits for `go`.
    Holding { go: oneshot::Receiver<bool> },
    /// The mark was refused: nothing more is written on this connection.
    Refused,
}

#[derive(Default)]
struct Gate {
    phase: Phase,
    /// The gate is below no TLS, so the held write can be checked to be the mark (it
    /// is, unless lettre changed how it writes a message; then the message fails
    /// rather than go out unmarked).
    sees_plaintext: bool,
}

impl Gate {
    /// Arms the gate for one message: returns what says its bytes were flushed.
    fn arm(&mut self, go: oneshot::Receiver<bool>) -> oneshot::Receiver<()> {
        let (written, flushed) = oneshot::channel();
        self.phase = Phase::Writing { written, go };
        flushed
    }
}

/// The stream under lettre's connection (see the module's documentation).
#[derive(Debug)]
struct Gated<S> {
    inner: S,
    peer: SocketAddr,
    gate: Arc<Mutex<Gate>>,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Gate")
    }
}

impl<S> Gated<S> {
    fn new(inner: S, peer: SocketAddr, gate: Arc<Mutex<Gate>>, plaintext: bool) -> Gated<S> {
        gate.lock().expect("gate").sees_plaintext = plaintext;
        Gated { inner, peer, gate }
    }
}

fn refused() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "the message was not finished: another sender has it",
    )
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
        let this = &mut *self;
        {
            let mut gate = this.gate.lock().expect("gate");
            let Gate {
                phase,
                sees_plaintext,
            } = &mut *gate;
            if let Phase::Holding { go } = phase {
                let allowed = match Pin::new(go).poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Ok(go)) => go && (!*sees_plaintext || buf.starts_with(END_OF_DATA)),
                    Poll::Ready(Err(_)) => false,
                };
                *phase = if allowed { Phase::Open } else { Phase::Refused };
            }
            if matches!(phase, Phase::Refused) {
                return Poll::Ready(Err(refused()));
            }
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(Pin::new(&mut this.inner).poll_flush(cx))?;
        let mut gate = this.gate.lock().expect("gate");
        if let Phase::Writing { .. } = gate.phase
            && let Phase::Writing { written, go } = std::mem::take(&mut gate.phase)
        {
            gate.phase = Phase::Holding { go };
            let _ = written.send(());
        }
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

    /// A gated pipe and its far end, with the gate armed for one message.
    fn armed() -> (
        Gated<tokio::io::DuplexStream>,
        tokio::io::DuplexStream,
        oneshot::Sender<bool>,
        oneshot::Receiver<()>,
    ) {
        let (near, far) = tokio::io::duplex(1024);
        let gate = Arc::new(Mutex::new(Gate::default()));
        let gated = Gated::new(near, ADDR, gate.clone(), true);
        let (go, held) = oneshot::channel();
        let written = gate.lock().unwrap().arm(held);
        (gated, far, go, written)
    }

    #[tokio::test]
    async fn the_end_of_data_goes_out_only_once_the_outbox_says_so() {
        let (mut gated, mut far, go, mut written) = armed();
        gated.write_all(b"Subject: x\r\n\r\nbody").await.unwrap();
        assert!(written.try_recv().is_err(), "not flushed yet");
        gated.flush().await.unwrap();
        written.await.unwrap();
        let mark = tokio::spawn(async move { gated.write_all(END_OF_DATA).await.map(|_| gated) });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!mark.is_finished(), "the mark waits for the outbox");
        go.send(true).unwrap();
        let mut gated = mark.await.unwrap().unwrap();
        gated.write_all(b"QUIT\r\n").await.unwrap();
        drop(gated);
        let mut got = Vec::new();
        far.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n");
    }

    #[tokio::test]
    async fn a_message_another_sender_has_is_never_finished() {
        let (mut gated, mut far, go, written) = armed();
        gated.write_all(b"body").await.unwrap();
        gated.flush().await.unwrap();
        written.await.unwrap();
        go.send(false).unwrap();
        let error = gated.write_all(END_OF_DATA).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionAborted);
        assert!(
            gated.write_all(b"QUIT\r\n").await.is_err(),
            "nothing more is written"
        );
        drop(gated);
        let mut got = Vec::new();
        far.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"body");
    }

    #[tokio::test]
    async fn a_held_write_that_is_not_the_mark_is_refused_on_a_plain_connection() {
        let (mut gated, _far, go, written) = armed();
        gated.write_all(b"body").await.unwrap();
        gated.flush().await.unwrap();
        written.await.unwrap();
        go.send(true).unwrap();
        assert!(gated.write_all(b"MAIL FROM:<a@b>\r\n").await.is_err());
    }

    #[test]
    fn urls_are_read_as_lettre_reads_them() {
        let plain = SmtpServer::from_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((plain.port, plain.security), (2525, Security::Plain));
        let submission =
            SmtpServer::from_url("smtp://u%40x:p%20w@mail.kommun.se?tls=required").unwrap();
        assert_eq!(
            (submission.port, submission.security),
            (587, Security::StartTls { required: true })
        );
        assert_eq!(
            submission.credentials,
            Some(Credentials::new("u@x".into(), "p w".into()))
        );
        let wrapped = SmtpServer::from_url("smtps://mail.kommun.se/lofte.kommun.se").unwrap();
        assert_eq!((wrapped.port, wrapped.security), (465, Security::Wrapper));
        assert_eq!(wrapped.hello, ClientId::Domain("lofte.kommun.se".into()));
        assert!(wrapped.wrapper.is_some());
        let error = SmtpServer::from_url("http://mail.kommun.se").err().unwrap();
        assert!(error.starts_with("smtp_url: http://"), "{error}");
        assert!(SmtpServer::from_url("smtp://").is_err());
    }
}
