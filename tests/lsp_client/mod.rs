//! A small LSP client for the tests: Content-Length framed JSON-RPC over the server binary's
//! stdin and stdout (or, for tests that need a setting the binary does not take, over pipes
//! to `scaleguard::lsp::serve` on a thread).
#![allow(clippy::unwrap_used, dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long a test waits for one message before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// One client connection.
pub struct Client {
    input: Box<dyn Write + Send>,
    rx: mpsc::Receiver<Value>,
    child: Option<Child>,
    thread: Option<std::thread::JoinHandle<scaleguard::lsp::Ended>>,
    next_id: i64,
    /// Messages read while waiting for something else, in order.
    pub pending: Vec<Value>,
}

/// Reads framed messages from `out` onto a channel.
fn spawn_frame_reader(out: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = BufReader::new(out);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = Some(v.parse::<usize>().unwrap());
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            out.read_exact(&mut body).unwrap();
            let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
            if tx.send(value).is_err() {
                return;
            }
        }
    });
    rx
}

impl Client {
    /// Starts the server binary with `args` after `lsp`.
    pub fn binary(args: &[&str]) -> Client {
        let bin = std::env::var_os("SCALEGUARD_LSP_BIN")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_scaleguard").into());
        Client::binary_at(&bin, args)
    }

    /// Starts the server binary at `bin`.
    pub fn binary_at(bin: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(bin)
            .arg("lsp")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let rx = spawn_frame_reader(child.stdout.take().unwrap());
        Client {
            input: Box::new(input),
            rx,
            child: Some(child),
            thread: None,
            next_id: 0,
            pending: Vec::new(),
        }
    }

    /// Runs `scaleguard::lsp::serve` on a thread, over pipes.
    pub fn in_process(options: scaleguard::lsp::Options) -> Client {
        let (server_in, client_out) = std::io::pipe().unwrap();
        let (client_in, server_out) = std::io::pipe().unwrap();
        let thread = std::thread::spawn(move || {
            scaleguard::lsp::serve(BufReader::new(server_in), server_out, options)
        });
        let rx = spawn_frame_reader(client_in);
        Client {
            input: Box::new(client_out),
            rx,
            child: None,
            thread: Some(thread),
            next_id: 0,
            pending: Vec::new(),
        }
    }

    /// Writes bytes as they are.
    pub fn raw(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).unwrap();
        self.input.flush().unwrap();
    }

    /// Writes one message with its header.
    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Sends a request and returns the whole response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(id)
    }

    /// The response with this id.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns its result (failing on an error).
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message that satisfies `pred` (others are kept in `pending`).
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.rx.recv_timeout(left).expect("the server answers in time");
            if pred(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The diagnostics published for `uri` at `version` (any version when `None`).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"].clone()
    }

    /// `initialize` with a workspace folder (or none), UTF-16 or UTF-8 positions, and
    /// `documentChanges` support; then `initialized`.
    pub fn initialize(&mut self, root: Option<&Path>, utf8: bool) -> Value {
        let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
        let root_uri = root.map(|r| lsp_types::Url::from_directory_path(r).unwrap().to_string());
        let result = self.result(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": {
                    "general": { "positionEncodings": encodings },
                    "workspace": { "workspaceEdit": { "documentChanges": true } }
                }
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// Opens a document.
    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "scale", "version": 1, "text": text } }),
        );
    }

    /// Replaces a document's whole text.
    pub fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Waits for the server to end and returns its exit code (0 or 1).
    pub fn finish(mut self) -> i32 {
        drop(self.input);
        if let Some(mut child) = self.child.take() {
            let deadline = Instant::now() + TIMEOUT;
            loop {
                if let Some(status) = child.try_wait().unwrap() {
                    return status.code().unwrap_or(-1);
                }
                assert!(Instant::now() < deadline, "the server did not exit");
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        match self.thread.take().map(|t| t.join().unwrap()) {
            Some(scaleguard::lsp::Ended::Clean) => 0,
            _ => 1,
        }
    }
}

/// The `file:` URI of a path.
pub fn uri(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

/// `value` with every occurrence of `from` in its strings replaced by `to`.
pub fn redact(value: &Value, from: &str, to: &str) -> Value {
    serde_json::from_str(&serde_json::to_string(value).unwrap().replace(from, to)).unwrap()
}

/// The LSP position (UTF-16, ASCII text) of the `n`th occurrence of `needle` in `text`, plus
/// `shift` characters.
pub fn position_of(text: &str, needle: &str, n: usize, shift: usize) -> Value {
    let at = text.match_indices(needle).nth(n).map(|(i, _)| i).expect("the needle is in the text") + shift;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let character = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": character })
}
