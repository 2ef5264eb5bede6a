//! E-mail for Löfte: sends what the durable outbox (`lofte_db::mail`) holds, over SMTP
//! (lettre) or, without a mail server, into files under the data folder.
//!
//! Every message is in the outbox before it is sent, written in the same transaction as
//! its cause. The sender ([`run`]) takes due rows with a lease, builds each message
//! ([`Mailer::message`]: plain text and HTML, a stable Message-ID made from the outbox
//! row, a follower's RFC 8058 one-click unsubscribe) and hands it to the transport. Over
//! SMTP the row is marked sent as soon as the end of the message's data has been sent, while it
//! answers ([`smtp`]), so a server killed mid-send loses none and repeats only what was
//! in that one commit; into files, the file is written under the row's id before the row
//! is marked, so a message written again replaces itself. A failure is retried with
//! backoff or given up on.
//! docs/decisions/0005-mail-outbox.md says why the queue is our own.

pub mod links;
pub mod smtp;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use askama::Template;
use chrono::Utc;
use futures_util::stream::{self, StreamExt};
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lofte_db::Db;
use lofte_db::mail::{Attempt, Ended, Finishing, Outgoing};
use lofte_i18n::Lang;
use tokio::sync::{mpsc, oneshot};

pub use links::LinkKey;
pub use smtp::SmtpServer;
use smtp::{Connection, Failure, NotSent, Sent};

/// Messages taken at a time; each is leased for [`LEASE`].
const BATCH: u32 = 50;

/// Messages sent at once, each on its own SMTP connection. The messages whose data ends
/// while one commit of marks runs share the next (bench/notes/mail-queue.md).
const IN_FLIGHT: usize = 20;

/// How long a sender holds the messages it took. A sender that died holding some leaves
/// them to another (or to itself, restarted) after this.
pub const LEASE: chrono::Duration = chrono::Duration::seconds(60);

/// How often an idle sender looks for new messages (one written through this instance
/// wakes it at once, see [`Mailer::wake`]).
const POLL: Duration = Duration::from_secs(2);

/// How much of its lease a message must have left to be sent: the time a slow server
/// may take for one message before its data ends.
const MIN_LEASE_LEFT: chrono::Duration = chrono::Duration::seconds(20);

/// Attempts before a message that keeps failing for a passing reason is given up on
/// (about two days with [`backoff`]).
const MAX_ATTEMPTS: i32 = 10;

/// Where messages go.
pub enum Transport {
    /// An SMTP server (`smtp://`, `smtp://…?tls=required` or `smtps://`).
    Smtp(SmtpServer),
    /// One `.eml` file per message in this folder, for an installation without a mail
    /// server (the demo): the staff area shows them.
    Files(PathBuf),
}

impl Transport {
    /// An SMTP transport from a URL such as `smtp://mail.kommun.se:587?tls=required`,
    /// trusting also the certificate authorities in `ca_file`; the error says what is
    /// wrong with either.
    pub fn smtp(url: &str, ca_file: Option<&std::path::Path>) -> Result<Transport, String> {
        SmtpServer::from_url(url, ca_file).map(Transport::Smtp)
    }
}

/// Sends the outbox's messages.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// The public address links lead to, without a trailing slash.
    public_url: String,
    /// The host part of Message-IDs.
    host: String,
    links: LinkKey,
    wake: tokio::sync::Notify,
}

impl Mailer {
    /// A mailer sending from `from` (e.g. `Löfte <noreply@trygghet.flen.se>`; the error
    /// says why it is not an address), with links to `public_url`.
    pub fn new(
        transport: Transport,
        from: &str,
        public_url: &str,
        links: LinkKey,
    ) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("mail_from: {from}: {e}"))?;
        let public_url = public_url.trim_end_matches('/').to_owned();
        let host = public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("localhost")
            .to_owned();
        Ok(Mailer {
            transport,
            from,
            public_url,
            host,
            links,
            wake: tokio::sync::Notify::new(),
        })
    }

    /// The sender address to use when none is configured.
    pub fn default_from(public_url: &str) -> String {
        let host = public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| h.contains('.'))
            .unwrap_or("localhost.localdomain");
        format!("Löfte <noreply@{host}>")
    }

    pub fn links(&self) -> &LinkKey {
        &self.links
    }

    /// The public address links lead to.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Whether messages are written to files (no mail server).
    pub fn files(&self) -> Option<&std::path::Path> {
        match &self.transport {
            Transport::Files(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    /// Tells the sender that something was queued, so it need not wait for its next look.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// The Message-ID of the outbox row `id` made at `created_at`: the same on every
    /// attempt.
    pub fn message_id(&self, mail: &Outgoing) -> String {
        format!(
            "<lofte.{}.{}@{}>",
            mail.id,
            mail.created_at.timestamp(),
            self.host
        )
    }

    /// The message for an outbox row: the letter's words with a frame, and for a
    /// follower their links (in the body and as RFC 8058 headers).
    pub fn message(&self, mail: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| format!("not an address: {e}"))?;
        let lang = Lang::from_tag(&mail.letter.lang).unwrap_or_default();
        let follower = mail.follower.map(|key| {
            let token = self.links.follower_token(key);
            FollowerLinks {
                unsubscribe: format!("{}{}", self.public_url, links::paths::unsubscribe(&token)),
                manage: format!("{}{}", self.public_url, links::paths::manage(&token)),
            }
        });
        let footer = Footer::new(lang, &self.public_url, follower.as_ref());
        let text = format!(
            "{}\n\n-- \n{}\n",
            mail.letter.body_text.trim_end(),
            footer.text()
        );
        let html = Frame {
            lang: lang.tag(),
            subject: &mail.letter.subject,
            body: &mail.letter.body_html,
            footer: &footer,
        }
        .render()
        .map_err(|e| e.to_string())?;
        let created: std::time::SystemTime = mail.created_at.into();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.letter.subject.clone())
            .date(created)
            .message_id(Some(self.message_id(mail)))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                lang.tag().to_owned(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ));
        if let Some(links) = &follower {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}>", links.unsubscribe),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| e.to_string())
    }

    /// Sends one message; `true` if it went. Every way it ends is told to the marker
    /// ([`send_due`]), which owns the outbox's writes.
    async fn deliver(
        &self,
        mail: Outgoing,
        idle: &Mutex<Vec<Connection>>,
        marks: &mpsc::UnboundedSender<Mark>,
    ) -> bool {
        let end = |mail: Outgoing, attempt: Attempt, after_mark: bool| {
            match &attempt {
                Attempt::Sent => {}
                Attempt::Retry { error, .. } => {
                    tracing::warn!(outbox = mail.id, %error, "mail not sent, will retry")
                }
                Attempt::GaveUp { error } => {
                    tracing::warn!(outbox = mail.id, %error, "mail given up on")
                }
            }
            // Fails only if the marker stopped on a database error, which `send_due`
            // returns; the row is sent again after its lease.
            let _ = marks.send(Mark::Ended(Box::new(mail), attempt, after_mark));
        };
        let message = match self.message(&mail) {
            Ok(m) => m,
            Err(error) => {
                end(mail, Attempt::GaveUp { error }, false);
                return false;
            }
        };
        let server = match &self.transport {
            Transport::Smtp(server) => server,
            Transport::Files(dir) => {
                return match write_file(dir, mail.id, &message.formatted()).await {
                    Ok(()) => {
                        end(mail, Attempt::Sent, false);
                        true
                    }
                    Err(e) => {
                        let attempt = failed(&mail, Failure::passing(e));
                        end(mail, attempt, false);
                        false
                    }
                };
            }
        };
        // A message whose lease is nearly over is left for the next claim rather than
        // sent while another sender may take it.
        if mail.claimed_until - Utc::now() < MIN_LEASE_LEFT {
            return false;
        }
        let mut open = idle.lock().expect("idle connections").pop();
        if let Some(c) = &mut open
            && !c.alive().await
        {
            open = None;
        }
        let mut connection = match open {
            Some(c) => c,
            // A server that cannot be reached or refuses to let us sign in is a passing
            // failure for the message, whatever the server said: the address is fine.
            None => match server.connect().await {
                Ok(c) => c,
                Err(failure) => {
                    let failure = Failure {
                        permanent: false,
                        ..failure
                    };
                    let attempt = failed(&mail, failure);
                    end(mail, attempt, false);
                    return false;
                }
            },
        };
        let finishing = Finishing {
            id: mail.id,
            claimed_until: mail.claimed_until,
        };
        let outcome = connection
            .send(message.envelope(), &message.formatted(), || async {
                let (reply, answer) = oneshot::channel();
                marks.send(Mark::Finishing(finishing, reply)).is_ok()
                    && answer.await.unwrap_or(false)
            })
            .await;
        if connection.usable() {
            idle.lock().expect("idle connections").push(connection);
        }
        match outcome {
            Ok(Sent::Accepted) => {
                // The server said yes: a follower's address that bounced does no more,
                // in the marker's next commit.
                if mail.bouncing {
                    end(mail, Attempt::Sent, true);
                }
                true
            }
            Ok(Sent::Unmarked) => {
                tracing::warn!(
                    outbox = mail.id,
                    "mail accepted but not marked sent (its lease ran out): it may go twice"
                );
                true
            }
            Err(NotSent { failure, marked }) => {
                let attempt = failed(&mail, failure);
                end(mail, attempt, marked);
                false
            }
        }
    }
}

/// What a failed attempt means for `mail`: given up on if the server refused it for good
/// or retries ran out, else tried again after [`backoff`].
fn failed(mail: &Outgoing, failure: Failure) -> Attempt {
    if failure.permanent || mail.attempts >= MAX_ATTEMPTS {
        Attempt::GaveUp {
            error: failure.error,
        }
    } else {
        Attempt::Retry {
            at: Utc::now() + backoff(mail.attempts),
            error: failure.error,
        }
    }
}

/// What a message's sending asks of the marker in [`send_due`].
enum Mark {
    /// The message's data has ended: mark it sent if this sender still holds it,
    /// and answer whether it was marked.
    Finishing(Finishing, oneshot::Sender<bool>),
    /// How an attempt ended otherwise (a file written, a failure), and whether it had
    /// been marked sent first ([`Ended::after_mark`]).
    Ended(Box<Outgoing>, Attempt, bool),
}

/// How long to wait after the `attempts`-th failed attempt: one minute, doubling, at
/// most twelve hours.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let minutes = 1i64 << attempts.clamp(0, 10);
    chrono::Duration::minutes(minutes.min(12 * 60))
}

/// Writes the message to `<dir>/<id>.eml` through a temporary file, so the folder never
/// holds half a message and a message sent again replaces itself.
async fn write_file(dir: &std::path::Path, id: i32, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let tmp = dir.join(format!(".{id}.eml.tmp"));
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, dir.join(format!("{id}.eml"))).await
}

/// Sends what is due now, a batch at a time, until nothing is; returns how many went.
/// Tests and the benchmark call it; the server runs [`run`].
pub async fn send_due(db: &Db, mailer: &Mailer) -> lofte_db::Result<usize> {
    let idle = Mutex::new(Vec::new());
    let mut sent = 0;
    let result = loop {
        let batch = match db.claim_mail(Utc::now(), LEASE, BATCH).await {
            Ok(batch) if batch.is_empty() => break Ok(sent),
            Ok(batch) => batch,
            Err(e) => break Err(e),
        };
        // One task writes to the outbox for the whole batch: what reaches it while one
        // commit runs goes in the next, so a message waits for at most two commits, not
        // for every other message in flight to take SQLite's write lock. A message is
        // repeated after a crash only if it was still waiting (decision 0005).
        let (marks, mut to_mark) = mpsc::unbounded_channel::<Mark>();
        let went = AtomicUsize::new(0);
        let deliveries = async {
            let (marks, idle, went) = (marks, &idle, &went);
            stream::iter(batch)
                .for_each_concurrent(IN_FLIGHT, |mail| {
                    let marks = marks.clone();
                    async move {
                        // After a database error nothing can be marked: leave the rest.
                        if !marks.is_closed() && mailer.deliver(mail, idle, &marks).await {
                            went.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                })
                .await;
        };
        let marker = async {
            let mut ready = Vec::new();
            let result = loop {
                if to_mark.recv_many(&mut ready, BATCH as usize).await == 0 {
                    break Ok(());
                }
                let mut finishing = Vec::new();
                let mut replies = Vec::new();
                let mut ended = Vec::new();
                for mark in ready.drain(..) {
                    match mark {
                        Mark::Finishing(mail, reply) => {
                            replies.push((mail.id, reply));
                            finishing.push(mail);
                        }
                        Mark::Ended(mail, attempt, after_mark) => {
                            ended.push((mail, attempt, after_mark))
                        }
                    }
                }
                let ended: Vec<Ended> = ended
                    .iter()
                    .map(|(mail, attempt, after_mark)| Ended {
                        mail,
                        attempt,
                        after_mark: *after_mark,
                    })
                    .collect();
                match db.record_marks(&finishing, &ended, Utc::now()).await {
                    Ok(marked) => {
                        for (id, reply) in replies {
                            let _ = reply.send(marked.contains(&id));
                        }
                    }
                    Err(e) => break Err(e),
                }
            };
            // After a database error nothing more can be marked: the senders still
            // waiting for an answer hear "not marked" as their marks are dropped here,
            // and the messages not yet started are left for their lease to run out.
            to_mark.close();
            while to_mark.try_recv().is_ok() {}
            result
        };
        let ((), marked) = tokio::join!(deliveries, marker);
        if let Err(e) = marked {
            break Err(e);
        }
        sent += went.into_inner();
    };
    let open: Vec<Connection> = std::mem::take(&mut *idle.lock().expect("idle connections"));
    futures_util::future::join_all(open.into_iter().map(Connection::quit)).await;
    result
}

/// Sends the outbox's messages as long as the server runs: whatever is due, then again
/// when woken or after [`POLL`].
pub async fn run(db: Db, mailer: Arc<Mailer>) {
    loop {
        match send_due(&db, &mailer).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "mail sent"),
            Err(e) => tracing::warn!(error = %e, "the mail sender could not read the outbox"),
        }
        let _ = tokio::time::timeout(POLL, mailer.wake.notified()).await;
    }
}

struct FollowerLinks {
    unsubscribe: String,
    manage: String,
}

/// The words under every message: why it came and, for a follower, how to stop it.
struct Footer {
    why: String,
    unsubscribe: Option<(String, String)>,
    manage: Option<(String, String)>,
}

impl Footer {
    fn new(lang: Lang, site: &str, follower: Option<&FollowerLinks>) -> Footer {
        let site = site.to_owned();
        match follower {
            Some(links) => Footer {
                why: lang.t_args("mail-footer-follower", &[("site", site)]),
                unsubscribe: Some((lang.t("mail-unsubscribe"), links.unsubscribe.clone())),
                manage: Some((lang.t("mail-manage"), links.manage.clone())),
            },
            None => Footer {
                why: lang.t_args("mail-footer-one-off", &[("site", site)]),
                unsubscribe: None,
                manage: None,
            },
        }
    }

    fn text(&self) -> String {
        let mut lines = vec![self.why.clone()];
        for (words, url) in self.unsubscribe.iter().chain(&self.manage) {
            lines.push(format!("{words}: {url}"));
        }
        lines.join("\n")
    }
}

/// An HTML message: the letter's body (escaped when it was written) in a plain frame.
#[derive(Template)]
#[template(path = "frame.html")]
struct Frame<'a> {
    lang: &'static str,
    subject: &'a str,
    body: &'a str,
    footer: &'a Footer,
}

/// Whether `address` is one a message can be sent to (as the SMTP envelope will need
/// it), beyond the looser check of `lofte_domain::Email`.
pub fn valid_address(address: &str) -> bool {
    address.parse::<lettre::Address>().is_ok()
}
