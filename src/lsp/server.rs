//! The server's state and its message loop: the documents, the analysis, the lifecycle.
//!
//! Texts live in a bump arena ([`bumpalo::Bump`]) for as long as one [`Server`] lives, so the
//! declarations of every file ([`FileDecls`], which borrow their text) can be kept between
//! edits and handed to [`crate::model::resolve`] as one slice: an edit re-parses only the file
//! it changed. A replaced text stays in the arena as garbage until there is more garbage than
//! live text (and at least [`COMPACT_BYTES`]); then the loop ends the server, carries the
//! texts over to a fresh arena and parses everything once.
//!
//! Edits only mark their document stale. The analysis (parse the stale files, resolve, check,
//! publish the diagnostics that changed) runs when no message is waiting, or before a request
//! that needs it, so a burst of keystrokes costs one analysis.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bumpalo::Bump;
use jiff::civil::Date;
use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types::Url;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::position::{Encoding, Lines};
use super::transport::{self, Incoming};
use super::{Ended, Options, actions, completion, convert, hover, navigate};
use crate::diagnostic::{self, Diagnostic};
use crate::model::{self, Model};
use crate::source::{self, FileId, LoadProblem, SourceFile, SourceMap};
use crate::syntax::{self, ast::FileDecls};

/// The least garbage (replaced texts) kept in the arena before it is compacted, in bytes.
pub const COMPACT_BYTES: usize = 64 * 1024 * 1024;

/// JSON-RPC error codes the server answers with.
pub(crate) mod code {
    /// The method does not exist.
    pub const METHOD_NOT_FOUND: i32 = -32601;
    /// The parameters are not what the method takes.
    pub const INVALID_PARAMS: i32 = -32602;
    /// The server failed (a bug).
    pub const INTERNAL_ERROR: i32 = -32603;
    /// A request before `initialize`.
    pub const SERVER_NOT_INITIALIZED: i32 = -32002;
    /// A request that is not valid now (after `shutdown`, a second `initialize`).
    pub const INVALID_REQUEST: i32 = -32600;
    /// A well-formed request that cannot be carried out (e.g. a rename to a taken name).
    pub const REQUEST_FAILED: i32 = -32803;
}

/// An error answer: a code and a message.
pub(crate) type Failure = (i32, String);

/// Where the server is in the protocol's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lifecycle {
    Uninitialized,
    Running,
    ShutDown,
}

/// What the client said it supports, as far as the server cares.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClientFlags {
    /// `workspace.workspaceEdit.documentChanges`.
    pub document_changes: bool,
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    pub watch_files: bool,
}

/// Everything that outlives one arena: the connection and the settings.
pub(crate) struct Session<'w> {
    out: Box<dyn Write + 'w>,
    broken: bool,
    lifecycle: Lifecycle,
    options: Options,
    /// The negotiated position encoding.
    pub encoding: Encoding,
    /// What the client supports.
    pub client: ClientFlags,
    /// The workspace folders.
    folders: Vec<PathBuf>,
    /// What the workspace's `.scale` files are read from: the folders, or the `paths` of their
    /// `scaleguard.toml`.
    scopes: Vec<PathBuf>,
    /// Where docs/rules.md is published (`docs-url` of `scaleguard.toml`, else the default).
    pub docs_url: String,
    next_id: i32,
    timings: bool,
}

impl<'w> Session<'w> {
    pub(crate) fn new(out: Box<dyn Write + 'w>, options: Options) -> Self {
        Session {
            out,
            broken: false,
            lifecycle: Lifecycle::Uninitialized,
            options,
            encoding: Encoding::Utf16,
            client: ClientFlags::default(),
            folders: Vec::new(),
            scopes: Vec::new(),
            docs_url: crate::report::sarif::default_docs_url(),
            next_id: 0,
            timings: std::env::var_os("SCALEGUARD_TIMINGS").is_some_and(|v| v == "1"),
        }
    }

    fn send(&mut self, message: &Value) {
        if !self.broken && transport::write(&mut self.out, message).is_err() {
            self.broken = true;
        }
    }

    fn respond(&mut self, id: &RequestId, result: Result<Value, Failure>) {
        let message = match result {
            Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
            Err((code, message)) => {
                json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
            }
        };
        self.send(&message);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let id = format!("scaleguard-{}", self.next_id);
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
    }

    /// A line in the client's log (`window/logMessage`, type 3 = info, 1 = error).
    fn log(&mut self, kind: u8, message: impl Into<String>) {
        self.notify("window/logMessage", json!({ "type": kind, "message": message.into() }));
    }

    /// The date waivers are judged against.
    pub(crate) fn today(&self) -> Date {
        self.options.today.unwrap_or_else(crate::today_utc)
    }
}

/// One `.scale` file the server knows: an open document or a file of the workspace.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    /// The sort key: the path with forward slashes, or the URI when it is not a file.
    pub key: String,
    /// The URI to publish under.
    pub uri: Url,
    /// The file on disk, for a `file:` URI.
    pub path: Option<PathBuf>,
    /// The text (the editor's, when open).
    pub text: &'a str,
    /// Its line starts.
    pub lines: Lines,
    /// The editor's version, when open.
    pub version: Option<i32>,
    /// Whether the editor has it open.
    pub open: bool,
    /// Why the file on disk cannot be parsed (not UTF-8, too large), with its diagnostics.
    load: Option<(LoadProblem, Vec<Diagnostic>)>,
    /// Input errors found in this file alone (SG001, SG005, SG007, SG008, SG010).
    syntax: Vec<Diagnostic>,
    /// The text changed (or the file's id did) since it was last parsed.
    stale: bool,
    /// The text changed since its diagnostics were last published.
    edited: bool,
    /// The diagnostics of the last analysis whose primary label is in this file.
    pub diagnostics: Vec<Diagnostic>,
    /// What was last published for it.
    published: Option<Vec<lsp_types::Diagnostic>>,
}

/// A document's state carried from one arena to the next.
pub(crate) struct Carried {
    key: String,
    uri: Url,
    path: Option<PathBuf>,
    text: String,
    version: Option<i32>,
    open: bool,
    load: Option<(LoadProblem, Vec<Diagnostic>)>,
    syntax: Vec<Diagnostic>,
    diagnostics: Vec<Diagnostic>,
    published: Option<Vec<lsp_types::Diagnostic>>,
}

/// What moves from one arena to the next: the documents, and the analysis of their texts
/// (which owns everything it holds, so it stays valid).
#[derive(Default)]
pub(crate) struct Carry {
    docs: Vec<Carried>,
    model: Option<Model>,
}

/// What the loop does next.
pub(crate) enum Flow {
    /// The client is done.
    Exit(Ended),
    /// Move to a fresh arena.
    Compact,
}

/// The server for the life of one arena.
pub(crate) struct Server<'a, 's, 'w> {
    arena: &'a Bump,
    /// The connection and settings.
    pub session: &'s mut Session<'w>,
    /// The documents, sorted by key: a document's index is its [`FileId`].
    pub docs: Vec<Doc<'a>>,
    /// Each document's declarations, by the same index.
    pub files: Vec<FileDecls<'a>>,
    /// The model of the last analysis.
    pub model: Option<Model>,
    dirty: bool,
    garbage: usize,
    compact_bytes: usize,
}

impl<'a, 's, 'w> Server<'a, 's, 'w> {
    /// A server over `arena`, with the documents and analysis carried from the previous one.
    /// The analysis is current (compaction happens only when it is): the documents need
    /// parsing again, for their declarations, but nothing needs resolving or publishing.
    pub(crate) fn new(arena: &'a Bump, session: &'s mut Session<'w>, carried: Carry) -> Self {
        let compact_bytes = session.options.compact_bytes.unwrap_or(COMPACT_BYTES);
        let mut server = Server {
            arena,
            session,
            docs: Vec::with_capacity(carried.docs.len()),
            files: Vec::with_capacity(carried.docs.len()),
            model: carried.model,
            dirty: false,
            garbage: 0,
            compact_bytes,
        };
        for c in carried.docs {
            let text: &'a str = arena.alloc_str(&c.text);
            let id = FileId(server.docs.len() as u32);
            server.files.push(empty_decls(id));
            server.docs.push(Doc {
                key: c.key,
                uri: c.uri,
                path: c.path,
                lines: Lines::new(text),
                text,
                version: c.version,
                open: c.open,
                load: c.load,
                syntax: c.syntax,
                stale: true,
                edited: false,
                diagnostics: c.diagnostics,
                published: c.published,
            });
        }
        server
    }

    /// The documents' state, to carry to a fresh arena.
    pub(crate) fn carry(self) -> Carry {
        let docs = self
            .docs
            .into_iter()
            .map(|d| Carried {
                key: d.key,
                uri: d.uri,
                path: d.path,
                text: d.text.to_owned(),
                version: d.version,
                open: d.open,
                load: d.load,
                syntax: d.syntax,
                diagnostics: d.diagnostics,
                published: d.published,
            })
            .collect();
        Carry { docs, model: self.model }
    }

    /// Serves messages until the client exits or the arena needs compacting.
    pub(crate) fn run(&mut self, rx: &mpsc::Receiver<Incoming>) -> Flow {
        loop {
            if self.session.broken {
                return Flow::Exit(Ended::WithoutShutdown);
            }
            let incoming = match rx.try_recv() {
                Ok(incoming) => incoming,
                Err(mpsc::TryRecvError::Empty) => {
                    // Idle: bring the diagnostics up to date, then wait. A bug in the analysis
                    // is logged; the session goes on (the next edit tries again).
                    // (After a compaction this only parses: the analysis is current.)
                    let refreshed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.refresh()));
                    if refreshed.is_err() {
                        self.session.log(1, "the analysis failed: see the server's log");
                    }
                    if self.garbage > self.compact_bytes.max(self.live()) {
                        if self.session.timings {
                            eprintln!(
                                "scaleguard lsp: moving {} bytes of text to a fresh arena",
                                self.live()
                            );
                        }
                        return Flow::Compact;
                    }
                    match rx.recv() {
                        Ok(incoming) => incoming,
                        Err(_) => return Flow::Exit(self.ended()),
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => return Flow::Exit(self.ended()),
            };
            if let Some(ended) = self.handle(incoming) {
                return Flow::Exit(ended);
            }
        }
    }

    fn live(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }

    fn ended(&self) -> Ended {
        if self.session.lifecycle == Lifecycle::ShutDown { Ended::Clean } else { Ended::WithoutShutdown }
    }

    fn handle(&mut self, incoming: Incoming) -> Option<Ended> {
        match incoming {
            Incoming::Invalid { id, code, message } => {
                self.session.send(
                    &json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }),
                );
                None
            }
            Incoming::Message(Message::Request(request)) => {
                let id = request.id.clone();
                // A bug must not end the session: answer with an internal error and go on.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(request)))
                    .unwrap_or_else(|_| {
                        Err((code::INTERNAL_ERROR, "internal error: see the server's log".to_owned()))
                    });
                self.session.respond(&id, result);
                None
            }
            Incoming::Message(Message::Notification(notification)) => {
                if notification.method == "exit" {
                    return Some(self.ended());
                }
                let method = notification.method.clone();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.notification(notification)
                }));
                match outcome {
                    Ok(Ok(())) => {}
                    Ok(Err((_, message))) => self.session.log(1, format!("{method}: {message}")),
                    Err(_) => self.session.log(1, format!("{method}: internal error: see the server's log")),
                }
                None
            }
            // Answers to our own requests (`client/registerCapability`) need nothing.
            Incoming::Message(Message::Response(_)) => None,
        }
    }

    fn request(&mut self, request: Request) -> Result<Value, Failure> {
        let Request { method, params, .. } = request;
        match self.session.lifecycle {
            Lifecycle::Uninitialized if method != "initialize" => {
                return Err((code::SERVER_NOT_INITIALIZED, "the server is not initialized yet".to_owned()));
            }
            Lifecycle::Running if method == "initialize" => {
                return Err((code::INVALID_REQUEST, "the server is already initialized".to_owned()));
            }
            Lifecycle::ShutDown => {
                return Err((code::INVALID_REQUEST, "the server is shutting down".to_owned()));
            }
            _ => {}
        }
        // Navigation and completion need only the declarations (parsing the edited file);
        // hover and code actions need the model and the diagnostics (the whole analysis).
        match method.as_str() {
            "initialize" => self.initialize(parse(params)?),
            "shutdown" => {
                self.session.lifecycle = Lifecycle::ShutDown;
                Ok(Value::Null)
            }
            "textDocument/definition" => {
                self.parse_stale();
                navigate::definition(self, parse(params)?)
            }
            "textDocument/references" => {
                self.parse_stale();
                navigate::references(self, parse(params)?)
            }
            "textDocument/prepareRename" => {
                self.parse_stale();
                navigate::prepare_rename(self, parse(params)?)
            }
            "textDocument/rename" => {
                self.parse_stale();
                navigate::rename(self, parse(params)?)
            }
            "textDocument/documentSymbol" => {
                self.parse_stale();
                navigate::document_symbols(self, parse(params)?)
            }
            "textDocument/hover" => {
                self.refresh();
                hover::hover(self, parse(params)?)
            }
            "textDocument/completion" => {
                self.parse_stale();
                completion::completion(self, parse(params)?)
            }
            "textDocument/formatting" => actions::formatting(self, parse(params)?),
            "textDocument/codeAction" => {
                self.refresh();
                actions::code_actions(self, parse(params)?)
            }
            _ => Err((code::METHOD_NOT_FOUND, format!("unknown method `{method}`"))),
        }
    }

    fn notification(&mut self, notification: Notification) -> Result<(), Failure> {
        let Notification { method, params } = notification;
        if self.session.lifecycle == Lifecycle::Uninitialized {
            return Ok(());
        }
        match method.as_str() {
            "initialized" => {
                self.watch_files();
                Ok(())
            }
            "textDocument/didOpen" => {
                let p: lsp_types::DidOpenTextDocumentParams = parse(params)?;
                self.open(p.text_document.uri, p.text_document.text, p.text_document.version);
                Ok(())
            }
            "textDocument/didChange" => {
                let p: lsp_types::DidChangeTextDocumentParams = parse(params)?;
                self.change(p)
            }
            "textDocument/didClose" => {
                let p: lsp_types::DidCloseTextDocumentParams = parse(params)?;
                self.close(&p.text_document.uri);
                Ok(())
            }
            "workspace/didChangeWatchedFiles" => {
                let p: lsp_types::DidChangeWatchedFilesParams = parse(params)?;
                for event in p.changes {
                    self.file_changed(&event.uri);
                }
                Ok(())
            }
            "workspace/didChangeWorkspaceFolders" => {
                let p: lsp_types::DidChangeWorkspaceFoldersParams = parse(params)?;
                let removed: Vec<PathBuf> =
                    p.event.removed.iter().filter_map(|f| f.uri.to_file_path().ok()).collect();
                let mut folders = std::mem::take(&mut self.session.folders);
                folders.retain(|f| !removed.contains(f));
                folders.extend(p.event.added.iter().filter_map(|f| f.uri.to_file_path().ok()));
                self.set_folders(folders);
                Ok(())
            }
            // Saving changes nothing the editor has not sent; cancelling is not needed, since
            // requests are answered in order and fast; tracing is not offered.
            _ => Ok(()),
        }
    }

    fn initialize(&mut self, params: lsp_types::InitializeParams) -> Result<Value, Failure> {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|list| list.contains(&lsp_types::PositionEncodingKind::UTF8));
        self.session.encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let workspace = caps.workspace.as_ref();
        self.session.client = ClientFlags {
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        };
        #[allow(deprecated)]
        let folders: Vec<PathBuf> = match (&params.workspace_folders, &params.root_uri, &params.root_path) {
            (Some(folders), _, _) => folders.iter().filter_map(|f| f.uri.to_file_path().ok()).collect(),
            (None, Some(uri), _) => uri.to_file_path().ok().into_iter().collect(),
            (None, None, Some(path)) => vec![PathBuf::from(path)],
            (None, None, None) => Vec::new(),
        };
        self.session.lifecycle = Lifecycle::Running;
        self.set_folders(folders);
        let encoding = match self.session.encoding {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        };
        Ok(json!({
            "capabilities": {
                "positionEncoding": encoding,
                "textDocumentSync": { "openClose": true, "change": 2 },
                "definitionProvider": true,
                "referencesProvider": true,
                "hoverProvider": true,
                "completionProvider": { "triggerCharacters": [" ", ","] },
                "renameProvider": { "prepareProvider": true },
                "documentFormattingProvider": true,
                "codeActionProvider": { "codeActionKinds": ["quickfix"] },
                "documentSymbolProvider": true,
                "workspace": {
                    "workspaceFolders": { "supported": true, "changeNotifications": true }
                }
            },
            "serverInfo": { "name": "scaleguard", "version": env!("CARGO_PKG_VERSION") }
        }))
    }

    /// Asks the client to tell us about `.scale` files changed outside the editor.
    fn watch_files(&mut self) {
        if self.session.client.watch_files {
            self.session.request(
                "client/registerCapability",
                json!({ "registrations": [{
                    "id": "scaleguard-watch-scale-files",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": { "watchers": [{ "globPattern": "**/*.scale" }] }
                }] }),
            );
        }
    }

    /// Sets the workspace folders and reads the `.scale` files below them.
    fn set_folders(&mut self, folders: Vec<PathBuf>) {
        let mut scopes = Vec::new();
        for folder in &folders {
            let config = folder.join(crate::config::FILE_NAME);
            match config.is_file().then(|| crate::config::load(&config)) {
                Some(Ok(config)) => {
                    if let Some(url) = config.docs_url {
                        self.session.docs_url = url;
                    }
                    if config.paths.is_empty() {
                        scopes.push(folder.clone());
                    } else {
                        scopes.extend(config.paths);
                    }
                }
                Some(Err(_)) => {
                    self.session.log(
                        1,
                        format!(
                            "`{}` has errors (run `scaleguard check` to see them); it is ignored",
                            config.display()
                        ),
                    );
                    scopes.push(folder.clone());
                }
                None => scopes.push(folder.clone()),
            }
        }
        self.session.folders = folders;
        self.session.scopes = scopes;
        let mut found = Vec::new();
        for scope in &self.session.scopes {
            collect(scope, &mut found);
        }
        found.sort();
        found.dedup();
        // Files no longer in scope go (unless open); files in scope come.
        let keep: Vec<String> = found.iter().map(|p| source::display_path(p)).collect();
        let mut i = 0;
        while i < self.docs.len() {
            if !self.docs[i].open && keep.binary_search(&self.docs[i].key).is_err() {
                self.remove(i);
            } else {
                i += 1;
            }
        }
        for path in found {
            if let Ok(uri) = Url::from_file_path(&path)
                && self.index_of(&uri).is_none()
            {
                self.load(uri, path);
            }
        }
    }

    /// Whether a file belongs to the workspace.
    fn in_scope(&self, path: &Path) -> bool {
        path.extension().is_some_and(|x| x == "scale")
            && self.session.scopes.iter().any(|s| path.starts_with(s))
    }

    /// The index of the document with this URI.
    pub(crate) fn index_of(&self, uri: &Url) -> Option<usize> {
        let (key, _) = key_of(uri);
        self.docs.binary_search_by(|d| d.key.cmp(&key)).ok()
    }

    /// Reads a workspace file from disk and adds it (or replaces its text).
    fn load(&mut self, uri: Url, path: PathBuf) {
        let Some(file) = read_file(&path) else { return };
        let load = file.problem.map(|p| (p, load_diagnostics(&path, &file)));
        match self.index_of(&uri) {
            Some(i) => {
                self.docs[i].load = load;
                self.set_text(i, file.text);
            }
            None => {
                let i = self.insert(uri, Some(path), file.text);
                self.docs[i].load = load;
            }
        }
    }

    /// Adds a document in key order; every document after it gets a new id.
    fn insert(&mut self, uri: Url, path: Option<PathBuf>, text: String) -> usize {
        let (key, _) = key_of(&uri);
        let at = self.docs.partition_point(|d| d.key < key);
        let text: &'a str = self.arena.alloc_str(&text);
        self.files.insert(at, empty_decls(FileId(at as u32)));
        self.docs.insert(
            at,
            Doc {
                key,
                uri,
                path,
                lines: Lines::new(text),
                text,
                version: None,
                open: false,
                load: None,
                syntax: Vec::new(),
                stale: true,
                edited: true,
                diagnostics: Vec::new(),
                published: None,
            },
        );
        for doc in &mut self.docs[at..] {
            doc.stale = true;
        }
        self.dirty = true;
        at
    }

    /// Drops a document; its diagnostics are cleared in the client.
    fn remove(&mut self, i: usize) {
        let doc = self.docs.remove(i);
        self.files.remove(i);
        self.garbage += doc.text.len();
        if doc.published.as_ref().is_some_and(|p| !p.is_empty()) {
            self.session
                .notify("textDocument/publishDiagnostics", json!({ "uri": doc.uri, "diagnostics": [] }));
        }
        for doc in &mut self.docs[i..] {
            doc.stale = true;
        }
        self.dirty = true;
    }

    /// Replaces a document's text.
    fn set_text(&mut self, i: usize, text: String) {
        let Some(doc) = self.docs.get_mut(i) else { return };
        if doc.text == text {
            return;
        }
        self.garbage += doc.text.len();
        let text: &'a str = self.arena.alloc_str(&text);
        doc.text = text;
        doc.lines = Lines::new(text);
        doc.stale = true;
        doc.edited = true;
        self.dirty = true;
    }

    fn open(&mut self, uri: Url, text: String, version: i32) {
        let i = match self.index_of(&uri) {
            Some(i) => {
                self.docs[i].load = None;
                self.set_text(i, text);
                i
            }
            None => {
                let (_, path) = key_of(&uri);
                self.insert(uri, path, text)
            }
        };
        let doc = &mut self.docs[i];
        doc.open = true;
        doc.version = Some(version);
        doc.edited = true;
        self.dirty = true;
    }

    fn change(&mut self, params: lsp_types::DidChangeTextDocumentParams) -> Result<(), Failure> {
        let uri = params.text_document.uri;
        let Some(i) = self.index_of(&uri) else {
            return Err((code::INVALID_PARAMS, format!("`{uri}` is not open")));
        };
        let encoding = self.session.encoding;
        let doc = &self.docs[i];
        let mut text = doc.text.to_owned();
        let mut lines = doc.lines.clone();
        for change in params.content_changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let a = lines.offset(&text, range.start, encoding) as usize;
                    let b = lines.offset(&text, range.end, encoding) as usize;
                    text.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
            lines = Lines::new(&text);
        }
        self.set_text(i, text);
        let doc = &mut self.docs[i];
        doc.version = Some(params.text_document.version);
        doc.edited = true;
        self.dirty = true;
        Ok(())
    }

    fn close(&mut self, uri: &Url) {
        let Some(i) = self.index_of(uri) else { return };
        self.docs[i].open = false;
        self.docs[i].version = None;
        self.docs[i].edited = true;
        self.dirty = true;
        match self.docs[i].path.clone() {
            // The file on disk is the truth again.
            Some(path) if path.is_file() && self.in_scope(&path) => self.load(uri.clone(), path),
            _ => self.remove(i),
        }
    }

    /// A `.scale` file changed on disk: re-read it unless the editor has it open.
    fn file_changed(&mut self, uri: &Url) {
        let Ok(path) = uri.to_file_path() else { return };
        let open = self.index_of(uri).is_some_and(|i| self.docs[i].open);
        if open {
            return;
        }
        if path.is_file() && self.in_scope(&path) {
            self.load(uri.clone(), path);
        } else if let Some(i) = self.index_of(uri) {
            self.remove(i);
        }
    }

    /// Parses the documents whose text (or id) changed since they were last parsed, in
    /// parallel.
    pub(crate) fn parse_stale(&mut self) {
        if !self.docs.iter().any(|d| d.stale) {
            return;
        }
        let stale: Vec<(usize, &'a str, Option<Vec<Diagnostic>>)> = self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.stale)
            .map(|(i, d)| (i, d.text, d.load.as_ref().map(|(_, diags)| diags.clone())))
            .collect();
        let parsed: Vec<(usize, FileDecls<'a>, Vec<Diagnostic>)> = stale
            .into_par_iter()
            .map(|(i, text, load)| {
                let id = FileId(i as u32);
                match load {
                    Some(diagnostics) => {
                        let decls = FileDecls {
                            file: id,
                            decls: Vec::new(),
                            complete: false,
                            maybe_declared: words(text),
                        };
                        (i, decls, diagnostics.into_iter().map(|d| in_file(d, id)).collect())
                    }
                    None => {
                        let (decls, diagnostics) = syntax::parse_file(id, text);
                        (i, decls, diagnostics)
                    }
                }
            })
            .collect();
        for (i, decls, diagnostics) in parsed {
            self.files[i] = decls;
            self.docs[i].syntax = diagnostics;
            self.docs[i].stale = false;
        }
    }

    /// Brings the analysis up to date: re-parses the stale documents, resolves, checks, and
    /// publishes the diagnostics that changed.
    pub(crate) fn refresh(&mut self) {
        let started = Instant::now();
        self.parse_stale();
        if !self.dirty {
            return;
        }
        self.dirty = false;
        let parsed_at = Instant::now();
        let (model, model_errors) = model::resolve(&self.files);
        let resolved_at = Instant::now();
        let mut diagnostics: Vec<Diagnostic> =
            self.docs.iter().flat_map(|d| d.syntax.iter().cloned()).chain(model_errors).collect();
        let evaluation = diagnostics
            .is_empty()
            .then(|| crate::checks::evaluate(&crate::checks::Context::new(&model, self.session.today())));
        if let Some(evaluation) = &evaluation {
            diagnostics.extend(evaluation.diagnostics(&model));
        }
        diagnostic::sort(&mut diagnostics);
        let checked_at = Instant::now();
        for doc in &mut self.docs {
            doc.diagnostics.clear();
        }
        for d in diagnostics {
            let file = d.primary_span().map_or(0, |s| s.file.0 as usize);
            if let Some(doc) = self.docs.get_mut(file) {
                doc.diagnostics.push(d);
            }
        }
        let old = self.model.replace(model);
        // Freeing a large model takes milliseconds: do it off the answering thread.
        let _ = std::thread::Builder::new().spawn(move || drop((old, evaluation)));
        self.publish();
        if self.session.timings {
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            eprintln!(
                "scaleguard lsp: analysis {:.1} ms (parse {:.1}, resolve {:.1}, checks {:.1}, publish {:.1})",
                ms(started.elapsed()),
                ms(parsed_at - started),
                ms(resolved_at - parsed_at),
                ms(checked_at - resolved_at),
                ms(checked_at.elapsed()),
            );
        }
    }

    /// Sends `textDocument/publishDiagnostics` for each document whose diagnostics changed or
    /// whose text was edited.
    fn publish(&mut self) {
        for i in 0..self.docs.len() {
            let list: Vec<lsp_types::Diagnostic> = self.docs[i]
                .diagnostics
                .iter()
                .map(|d| convert::diagnostic(d, &self.docs, self.session.encoding, &self.session.docs_url))
                .collect();
            let doc = &mut self.docs[i];
            let same = doc.published.as_ref() == Some(&list);
            if same && !doc.edited {
                continue;
            }
            if doc.published.is_none() && list.is_empty() && !doc.open {
                // Nothing to clear in the client: a quiet start for a clean workspace.
                doc.published = Some(list);
                doc.edited = false;
                continue;
            }
            let mut params = json!({ "uri": doc.uri, "diagnostics": list });
            if let Some(version) = doc.version {
                params["version"] = json!(version);
            }
            doc.published = Some(list);
            doc.edited = false;
            self.session.notify("textDocument/publishDiagnostics", params);
        }
    }
}

/// Reads a request's or notification's parameters.
pub(crate) fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| (code::INVALID_PARAMS, format!("invalid parameters: {e}")))
}

/// The sort key and the path of a URI.
pub(crate) fn key_of(uri: &Url) -> (String, Option<PathBuf>) {
    if uri.scheme() == "file"
        && let Ok(path) = uri.to_file_path()
    {
        return (source::display_path(&path), Some(path));
    }
    (uri.to_string(), None)
}

fn empty_decls<'s>(file: FileId) -> FileDecls<'s> {
    FileDecls { file, decls: Vec::new(), complete: true, maybe_declared: Vec::new() }
}

/// Every `.scale` file below a folder (or the file itself), following links, ignoring what
/// cannot be read.
fn collect(scope: &Path, out: &mut Vec<PathBuf>) {
    for entry in walkdir::WalkDir::new(scope).follow_links(true).into_iter().flatten() {
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "scale") {
            out.push(entry.into_path());
        }
    }
}

/// Reads a file as `check` does: too large or not UTF-8 is kept, with its problem.
fn read_file(path: &Path) -> Option<SourceFile> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > source::MAX_FILE_BYTES {
        let mut file = SourceFile::new(path, String::new());
        file.problem = Some(LoadProblem::TooLarge);
        return Some(file);
    }
    let bytes = std::fs::read(path).ok()?;
    Some(SourceFile::from_bytes(path, bytes))
}

/// The diagnostics `check` gives for a file it cannot parse (SG001 not UTF-8, SG005 too
/// large), in file 0.
fn load_diagnostics(path: &Path, file: &SourceFile) -> Vec<Diagnostic> {
    let mut copy = SourceFile::new(path, file.text.clone());
    copy.problem = file.problem;
    SourceMap::from_files(vec![copy]).load_diagnostics()
}

/// A diagnostic moved to file `id` (it was made for a one-file map).
fn in_file(mut d: Diagnostic, id: FileId) -> Diagnostic {
    for label in &mut d.labels {
        label.span.file = id;
    }
    d
}

/// Every identifier-like word of a text that cannot be parsed: names it might declare, for
/// which no SG002 is reported (GUARDRAILS.md).
fn words(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map(|w| w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
