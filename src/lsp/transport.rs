//! The wire: JSON-RPC messages framed by `Content-Length` headers over a byte stream.
//!
//! A reader thread turns the client's bytes into [`Incoming`] values on a channel, so that the
//! server can see whether more messages are waiting (and coalesce a burst of edits into one
//! analysis). Nothing the client sends stops the reader: a malformed header, a body that is
//! not JSON, or JSON that is not a JSON-RPC message becomes an [`Incoming::Invalid`], which
//! the server answers with the matching JSON-RPC error (`-32700` parse error, `-32600`
//! invalid request), and reading resumes at the next header. Only the end of the stream (or
//! an I/O error) ends it.

use std::io::{self, BufRead, Read as _, Write};
use std::sync::mpsc;

use serde_json::Value;

/// The largest message body read, in bytes; a larger one is skipped and refused. A whole
/// 10,000-team workspace is about 7 MB, so a real message is far below this.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The longest header line read at once, in bytes; a longer one is garbage, read in pieces.
pub const MAX_HEADER_LINE: usize = 64 * 1024;

/// JSON-RPC's code for a body that is not JSON.
pub const PARSE_ERROR: i32 = -32700;
/// JSON-RPC's code for JSON that is not a valid request.
pub const INVALID_REQUEST: i32 = -32600;

/// One thing read from the client.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed request, response or notification.
    Message(lsp_server::Message),
    /// Something that is not a message: answered with an error whose id is `id` (JSON
    /// `null` when the request's id could not be read).
    Invalid {
        /// The id to answer with.
        id: Value,
        /// The JSON-RPC error code.
        code: i32,
        /// What was wrong, for the client's log.
        message: String,
    },
}

/// Starts the reader thread; the channel closes at the end of the input.
pub fn spawn_reader<R: BufRead + Send + 'static>(input: R) -> mpsc::Receiver<Incoming> {
    let (tx, rx) = mpsc::channel();
    // If the thread cannot start, the receiver sees a closed channel: the end of input.
    let _ = std::thread::Builder::new().name("lsp-reader".to_owned()).spawn(move || {
        let mut input = input;
        while let Ok(Some(incoming)) = read(&mut input) {
            if tx.send(incoming).is_err() {
                break;
            }
        }
    });
    rx
}

fn invalid(code: i32, message: impl Into<String>) -> Incoming {
    Incoming::Invalid { id: Value::Null, code, message: message.into() }
}

/// Reads the next message (or the next piece of garbage); `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.by_ref().take(MAX_HEADER_LINE as u64).read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if seen_header {
                break;
            }
            // A stray blank line between messages.
            continue;
        }
        seen_header = true;
        let Some((name, value)) = text.split_once(':').filter(|(name, _)| is_header_name(name)) else {
            // Not a header: report it and start looking for a header again on the next line.
            return Ok(Some(invalid(PARSE_ERROR, format!("malformed header line `{}`", clip(text)))));
        };
        if name.eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(n) => length = Some(n),
                Err(_) => problem = Some(format!("invalid Content-Length `{}`", clip(value.trim()))),
            }
        }
    }
    if let Some(problem) = problem {
        return Ok(Some(invalid(PARSE_ERROR, problem)));
    }
    let Some(length) = length else {
        return Ok(Some(invalid(PARSE_ERROR, "a message without a Content-Length header")));
    };
    if length > MAX_MESSAGE_BYTES {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(invalid(
            INVALID_REQUEST,
            format!("a message of {length} bytes, over the limit of {MAX_MESSAGE_BYTES}"),
        )));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    Ok(Some(parse(&body)))
}

/// A message body: a message, or why it is none.
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return invalid(PARSE_ERROR, format!("the message is not JSON: {e}")),
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<lsp_server::Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(_) => Incoming::Invalid {
            id,
            code: INVALID_REQUEST,
            message: "not a JSON-RPC request, response or notification".to_owned(),
        },
    }
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// At most 60 characters of untrusted text, for an error message.
fn clip(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Writes one message with its header. Errors mean the client is gone.
pub fn write(out: &mut impl Write, message: &Value) -> io::Result<()> {
    let body = serde_json::to_string(message).map_err(io::Error::other)?;
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<String> {
        let mut input = io::BufReader::new(bytes);
        let mut out = Vec::new();
        while let Ok(Some(incoming)) = read(&mut input) {
            out.push(match incoming {
                Incoming::Message(lsp_server::Message::Request(r)) => format!("request {}", r.method),
                Incoming::Message(lsp_server::Message::Notification(n)) => {
                    format!("notification {}", n.method)
                }
                Incoming::Message(lsp_server::Message::Response(r)) => format!("response {}", r.id),
                Incoming::Invalid { id, code, .. } => format!("invalid {code} {id}"),
            });
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn garbage_is_reported_and_reading_resumes() {
        let good = framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let input = format!(
            "garbage\r\n{}{}{}Content-Length: x\r\n\r\n{}",
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","id":7,"method":3}"#),
            framed("[1,2]"),
            good,
        );
        assert_eq!(
            all(input.as_bytes()),
            [
                "invalid -32700 null",
                "invalid -32700 null",
                "invalid -32600 7",
                "invalid -32600 null",
                "invalid -32700 null",
                "notification initialized",
            ]
        );
    }
}
