//! `scaleguard lsp` driven over stdio with real LSP messages: every request and notification
//! the server offers, on `examples/acme-retail`, with exact answers (JSON snapshots with the
//! workspace path written `ROOT`); garbage and malformed documents; position encodings.
#![allow(clippy::unwrap_used)]

mod common;
mod lsp_client;

use std::path::{Path, PathBuf};

use lsp_client::{Client, position_of, redact, uri};
use serde_json::{Value, json};

fn acme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme-retail")
}

/// A value with the workspace's URI written `file:///ROOT`.
fn clean(value: &Value) -> Value {
    let root = uri(&acme());
    redact(value, &root, "file:///ROOT")
}

/// A message body with its header.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn at(uri: &str, text: &str, needle: &str, n: usize, shift: usize) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position_of(text, needle, n, shift) })
}

/// The labels (and details) of a completion list.
fn labels(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| match i["detail"].as_str() {
            Some(d) => format!("{} ({d})", i["label"].as_str().unwrap()),
            None => i["label"].as_str().unwrap().to_owned(),
        })
        .collect()
}

#[test]
fn a_session_on_acme_retail_answers_every_request_exactly() {
    let root = acme();
    let checkout_path = root.join("teams/checkout.scale");
    let checkout = uri(&checkout_path);
    let original = std::fs::read_to_string(&checkout_path).unwrap();
    let mut client = Client::binary(&["--today", "2026-06-01"]);

    let init = client.initialize(Some(&root), false);
    insta::assert_json_snapshot!("lsp_initialize", init);

    client.open(&checkout, &original);
    assert_eq!(client.diagnostics(&checkout, Some(1)), json!([]), "acme-retail is clean");

    // Definition and references of `alice`, named in checkout.scale, declared in people.scale.
    let alice = at(&checkout, &original, "product_owner alice", 0, 15);
    let definition = client.result("textDocument/definition", alice.clone());
    insta::assert_json_snapshot!("lsp_definition", clean(&definition));
    let mut params = alice.clone();
    params["context"] = json!({ "includeDeclaration": true });
    let references = client.result("textDocument/references", params.clone());
    insta::assert_json_snapshot!("lsp_references", clean(&references));
    params["context"] = json!({ "includeDeclaration": false });
    let without = client.result("textDocument/references", params);
    assert_eq!(without.as_array().unwrap().len(), references.as_array().unwrap().len() - 1);

    // Hover: a person, a team, a Scrum of Scrums, and an item in a file that is not open.
    let hovers = json!({
        "person": client.result("textDocument/hover", alice.clone()),
        "team": client.result("textDocument/hover", at(&checkout, &original, "team payments", 0, 5)),
        "scrum_of_scrums": client.result("textDocument/hover", at(&checkout, &original, "scrum_of_scrums checkout", 0, 16)),
        "definition_of_done": client.result("textDocument/hover", at(&checkout, &original, "acme_dod", 0, 2)),
        "nothing": client.result("textDocument/hover", at(&checkout, &original, "releases every week", 0, 2)),
    });
    insta::assert_json_snapshot!("lsp_hover", clean(&hovers));
    let leadership_path = root.join("leadership.scale");
    let leadership = std::fs::read_to_string(&leadership_path).unwrap();
    let eat = client.result(
        "textDocument/hover",
        at(&uri(&leadership_path), &leadership, "executive_action_team eat", 0, 22),
    );
    insta::assert_json_snapshot!("lsp_hover_eat", clean(&eat));
    let policy_path = root.join("policy.scale");
    let policy = std::fs::read_to_string(&policy_path).unwrap();
    let rule = client
        .result("textDocument/hover", at(&uri(&policy_path), &policy, "severity team-no-refinement", 0, 12));
    insta::assert_json_snapshot!("lsp_hover_rule", clean(&rule));

    // Document symbols.
    let symbols =
        client.result("textDocument/documentSymbol", json!({ "textDocument": { "uri": checkout } }));
    insta::assert_json_snapshot!("lsp_document_symbols", clean(&symbols));

    // Completion, one edit of the document per place.
    let mut version = 1;
    let mut complete = |client: &mut Client, text: &str, marker: &str, shift: usize| -> Value {
        version += 1;
        client.replace(&checkout, version, text);
        client.result("textDocument/completion", at(&checkout, text, marker, 0, shift))
    };
    let text = original.replace("  product_owner alice\n", "  product_owner a\n");
    let person = complete(&mut client, &text, "product_owner a\n", 15);
    insta::assert_json_snapshot!("lsp_completion_person", clean(&person));
    let text = original.replace("  chief_product_owner lena\n", "  chief_product_owner lena\n  \n");
    let statements = complete(&mut client, &text, "lena\n  \n", 7);
    let text = original.replace("  releases every week\n", "  releases every week\n  event s\n");
    let kinds = complete(&mut client, &text, "  event s\n", 9);
    let text =
        original.replace("  releases every week\n", "  releases every week\n  event refinement every \n");
    let periods = complete(&mut client, &text, "refinement every \n", 17);
    let text = original
        .replace("agenda impediments, dependencies, risks", "agenda impediments, dependencies, risks, ");
    let agenda = complete(&mut client, &text, "risks, ", 7);
    let text = original
        .replace("members payments, cart, fraud, promotions", "members payments, cart, fraud, promotions, p");
    let members = complete(&mut client, &text, "promotions, p", 13);
    let text = original.replace("  depends_on payments\n", "  depends_on p\n");
    let depends = complete(&mut client, &text, "depends_on p", 12);
    version += 1;
    let text = format!("{original}\ns");
    client.replace(&checkout, version, &text);
    let end = json!({ "line": text.matches('\n').count(), "character": 1 });
    let items = client
        .result("textDocument/completion", json!({ "textDocument": { "uri": checkout }, "position": end }));
    let completions = json!({
        "statements of a Scrum of Scrums": labels(&statements),
        "event kinds starting with s": labels(&kinds),
        "periods": labels(&periods),
        "agenda items not yet listed": labels(&agenda),
        "members of a Scrum of Scrums starting with p": labels(&members),
        "teams starting with p": labels(&depends),
        "items starting with s": labels(&items),
    });
    insta::assert_json_snapshot!("lsp_completion_places", completions);

    // Rename `alice` across files; a taken name and an invalid one are refused.
    version += 1;
    client.replace(&checkout, version, &original);
    let mut params = alice.clone();
    params["newName"] = json!("alicia");
    let rename = client.result("textDocument/rename", params.clone());
    insta::assert_json_snapshot!("lsp_rename", clean(&rename));
    let prepare = client.result("textDocument/prepareRename", alice.clone());
    params["newName"] = json!("bob");
    let taken = client.request("textDocument/rename", params.clone());
    params["newName"] = json!("1st");
    let invalid = client.request("textDocument/rename", params);
    let keyword =
        client.result("textDocument/prepareRename", at(&checkout, &original, "team payments", 0, 1));
    insta::assert_json_snapshot!(
        "lsp_rename_refused",
        json!({ "prepare": prepare, "taken": taken, "invalid": invalid, "on a keyword": keyword })
    );

    // Formatting: statements out of order and badly indented.
    version += 1;
    let messy = original.replace(
        "  product_owner alice\n  scrum_master bob\n",
        "    scrum_master bob\n product_owner alice\n",
    );
    client.replace(&checkout, version, &messy);
    let format_params =
        json!({ "textDocument": { "uri": checkout }, "options": { "tabSize": 2, "insertSpaces": true } });
    let edits = client.result("textDocument/formatting", format_params.clone());
    insta::assert_json_snapshot!("lsp_formatting", edits);
    version += 1;
    let canonical = scaleguard::fmt::format_text(scaleguard::source::FileId(0), &original).unwrap();
    client.replace(&checkout, version, &canonical);
    assert_eq!(client.result("textDocument/formatting", format_params), json!([]), "nothing to do");

    // A misspelt person: SG002 with its suggestion, a quick fix, and the rule on hover.
    version += 1;
    let typo = original.replace("product_owner alice", "product_owner alce");
    client.replace(&checkout, version, &typo);
    let diagnostics = client.diagnostics(&checkout, Some(version));
    insta::assert_json_snapshot!("lsp_diagnostics_typo", clean(&diagnostics));
    let range = json!({ "start": position_of(&typo, "alce", 0, 1), "end": position_of(&typo, "alce", 0, 1) });
    let actions = client.result(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": checkout }, "range": range, "context": { "diagnostics": [] } }),
    );
    insta::assert_json_snapshot!("lsp_code_action", clean(&actions));
    let hover = client.result("textDocument/hover", at(&checkout, &typo, "alce", 0, 1));
    insta::assert_json_snapshot!("lsp_hover_diagnostic", clean(&hover));

    // Guardrail findings with related information in another file: a duplicate person, and a
    // team without a Scrum Master.
    version += 1;
    let broken = format!("{}\nperson alice\n", original.replace("  scrum_master bob\n", ""));
    client.replace(&checkout, version, &broken);
    let duplicate = client.diagnostics(&checkout, Some(version));
    version += 1;
    let finding = original.replace("  scrum_master bob\n", "");
    client.replace(&checkout, version, &finding);
    let findings = client.diagnostics(&checkout, Some(version));
    insta::assert_json_snapshot!(
        "lsp_diagnostics_findings",
        clean(&json!({ "input error": duplicate, "guardrail finding": findings }))
    );
    version += 1;
    client.replace(&checkout, version, &original);
    assert_eq!(client.diagnostics(&checkout, Some(version)), json!([]));

    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.finish(), 0);
}

#[test]
fn garbage_is_answered_with_errors_and_the_session_goes_on() {
    let mut client = Client::binary(&["--today", "2026-06-01"]);
    let mut answers = Vec::new();
    answers.push(client.request("textDocument/hover", json!({})));
    client.raw(b"this is not a header\r\n");
    answers.push(client.wait_for(|m| m.get("error").is_some()));
    client.raw(&frame("{not json"));
    answers.push(client.wait_for(|m| m.get("error").is_some()));
    client.raw(&frame("[1,2]"));
    answers.push(client.wait_for(|m| m.get("error").is_some()));
    client.raw(&frame(r#"{"jsonrpc":"2.0","id":77,"method":false}"#));
    answers.push(client.wait_for(|m| m.get("error").is_some()));
    client.raw(b"Content-Length: zero\r\n\r\n");
    answers.push(client.wait_for(|m| m.get("error").is_some()));
    client.initialize(None, false);
    answers.push(client.request("initialize", json!({ "capabilities": {} })));
    answers.push(client.request("workspace/executeCommand", json!({ "command": "x" })));
    answers.push(client.request("textDocument/hover", json!({ "textDocument": 5 })));
    insta::assert_json_snapshot!("lsp_garbage_answers", answers);

    // A malformed document: control characters, unbalanced braces, a string left open.
    let doc = "untitled:broken.scale";
    let text = "team t {\n  product_owner \u{1}\n}}}\nperson \"open\n{{{ ] \u{0}\n";
    client.open(doc, text);
    let diagnostics = client.diagnostics(doc, Some(1));
    assert!(!diagnostics.as_array().unwrap().is_empty());
    let mut answers = Vec::new();
    for line in 0..6 {
        for character in [0, 1, 3, 9, 40] {
            let p = json!({ "textDocument": { "uri": doc }, "position": { "line": line, "character": character } });
            for method in ["textDocument/hover", "textDocument/definition", "textDocument/completion"] {
                let answer = client.request(method, p.clone());
                assert!(answer.get("error").is_none(), "{method} at {p}: {answer}");
            }
            let mut p = p.clone();
            p["newName"] = json!("x");
            answers.push(client.request("textDocument/rename", p)["error"]["code"].clone());
        }
    }
    assert!(answers.iter().all(|a| *a == json!(-32803)), "{answers:?}");
    let formatted = client.result(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(formatted, Value::Null, "a document that does not parse is not formatted");

    // Edits with ranges past the end, a change to a document that is not open, and a
    // notification with bad parameters: logged, not fatal.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 90, "character": 3 }, "end": { "line": 2, "character": 900 } }, "text": "x" }
        ] }),
    );
    client.diagnostics(doc, Some(2));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "untitled:other.scale", "version": 2 }, "contentChanges": [] }),
    );
    client.notify("textDocument/didOpen", json!({ "textDocument": 3 }));
    let logs: Vec<Value> =
        (0..2).map(|_| client.wait_for(|m| m["method"] == "window/logMessage")["params"].clone()).collect();
    insta::assert_json_snapshot!("lsp_garbage_logs", logs);

    // Still serving.
    client.replace(doc, 3, "person alice \"Alice\"\n");
    assert_eq!(client.diagnostics(doc, Some(3))[0]["code"], "SG006");
    let hover = client.result("textDocument/hover", at(doc, "person alice", "alice", 0, 1));
    assert_eq!(hover["contents"]["value"], "**person `alice`** · Alice\n\n- `alice` holds no role");
    client.notify("exit", Value::Null);
    assert_eq!(client.finish(), 1, "exit without shutdown exits 1");
}

#[test]
fn positions_are_utf8_when_the_client_offers_it_else_utf16() {
    // `é` is 2 bytes and 1 UTF-16 unit, `𝄞` 4 bytes and 2 units: `oops` starts at UTF-16
    // character 28 and UTF-8 byte 31 of its line.
    let text = "definition_of_done d {\n  criteria \"Café 𝄞\", \"ok\", oops\n}\n";
    let mut found = Vec::new();
    for utf8 in [false, true] {
        let mut client = Client::binary(&[]);
        let init = client.initialize(None, utf8);
        client.open("untitled:a.scale", text);
        let diagnostics = client.diagnostics("untitled:a.scale", Some(1));
        let d = diagnostics.as_array().unwrap().iter().find(|d| d["code"] == "SG001").unwrap().clone();
        // Edit right after `oops` in the client's encoding: the server must find the place.
        let after = if utf8 { 35 } else { 32 };
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": "untitled:a.scale", "version": 2 }, "contentChanges": [{
                "range": { "start": { "line": 1, "character": after - 4 }, "end": { "line": 1, "character": after } },
                "text": "\"fine\""
            }] }),
        );
        let clean = client.diagnostics("untitled:a.scale", Some(2));
        found.push(json!({
            "encoding": init["capabilities"]["positionEncoding"],
            "range": d["range"],
            "after the edit": clean.as_array().unwrap().iter().map(|d| d["code"].clone()).collect::<Vec<_>>(),
        }));
        client.notify("exit", Value::Null);
        client.finish();
    }
    insta::assert_json_snapshot!("lsp_position_encodings", found);
}

#[test]
fn compacting_the_text_arena_keeps_every_document() {
    // Compact after any garbage at all: every idle moment after an edit moves the texts to a
    // fresh arena and parses them again.
    let options = scaleguard::lsp::Options { today: None, compact_bytes: Some(1) };
    let mut client = Client::in_process(options);
    client.initialize(None, false);
    let a = "untitled:a.scale";
    let b = "untitled:b.scale";
    client.open(a, "organisation \"O\" {\n}\n");
    client.open(b, "person bob\n");
    client.diagnostics(b, Some(1));
    for version in 2..6 {
        client.replace(b, version, &format!("person bob{version}\n"));
        assert_eq!(client.diagnostics(b, Some(version)), json!([]));
        let hover = client.result(
            "textDocument/hover",
            json!({
                "textDocument": { "uri": b }, "position": { "line": 0, "character": 8 }
            }),
        );
        assert_eq!(
            hover["contents"]["value"],
            format!("**person `bob{version}`**\n\n- `bob{version}` holds no role")
        );
    }
    client.replace(b, 9, "team t {\n  product_owner bob5\n}\n");
    let diagnostics = client.diagnostics(b, Some(9));
    assert_eq!(diagnostics[0]["code"], "SG002");
    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.finish(), 0);
}

/// The codes of a list of diagnostics, in order.
fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_workspace_is_read_from_scaleguard_toml_and_follows_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("org")).unwrap();
    std::fs::create_dir_all(root.join("other")).unwrap();
    std::fs::write(
        root.join("scaleguard.toml"),
        "paths = [\"org\"]\ndocs-url = \"https://example.com/rules.md\"\n",
    )
    .unwrap();
    std::fs::write(root.join("org/org.scale"), "organisation \"O\" {\n  vision \"v\"\n}\nperson p\n")
        .unwrap();
    let team_text =
        "team t {\n  product_owner p\n  developers 3\n  sprint 2w\n  event refinement every week\n}\n";
    std::fs::write(root.join("org/team.scale"), team_text).unwrap();
    // Not in `paths`: a second organisation that would be SG006 if it were read.
    std::fs::write(root.join("other/ignored.scale"), "organisation \"Other\" {\n}\n").unwrap();
    let team = uri(&root.join("org/team.scale"));
    let more_path = root.join("org/more.scale");
    let more = uri(&more_path);

    let mut client = Client::binary(&["--today", "2026-06-01"]);
    client.initialize(Some(root), false);
    let first = client.diagnostics(&team, None);
    assert_eq!(codes(&first), ["SG503"], "{first}");
    assert_eq!(
        first[0]["codeDescription"]["href"],
        "https://example.com/rules.md#sg503-team-no-scrum-master"
    );

    // A file created on disk joins the organisation; its unknown name stops the guardrails.
    std::fs::write(&more_path, "team u {\n  product_owner zz\n}\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": more, "type": 1 }] }));
    assert_eq!(codes(&client.diagnostics(&more, None)), ["SG002"]);
    assert_eq!(codes(&client.diagnostics(&team, None)), Vec::<String>::new());
    // Deleted: its diagnostics are cleared and the findings come back.
    std::fs::remove_file(&more_path).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": more, "type": 3 }] }));
    assert_eq!(client.diagnostics(&more, None), json!([]));
    assert_eq!(codes(&client.diagnostics(&team, None)), ["SG503"]);

    // An unsaved fix in the editor, then closed without saving: the file on disk counts again.
    client.open(&team, team_text);
    assert_eq!(codes(&client.diagnostics(&team, Some(1))), ["SG503"]);
    client.replace(&team, 2, &team_text.replace("  developers 3\n", "  scrum_master p\n  developers 3\n"));
    assert_eq!(codes(&client.diagnostics(&team, Some(2))), ["SG504"], "one person is PO and SM");
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": team } }));
    assert_eq!(codes(&client.diagnostics(&team, None)), ["SG503"]);

    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.finish(), 0);
}

#[test]
fn arbitrary_documents_and_positions_never_end_the_session() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use std::cell::RefCell;

    const TOKENS: &[&str] = &[
        "team",
        "person",
        "scrum_of_scrums",
        "policy",
        "organisation",
        "x",
        "y",
        "{",
        "}",
        "\n",
        "\n",
        " ",
        "  ",
        "\"",
        "\"s\"",
        "\\",
        "event",
        "daily_scrum",
        "every",
        "day",
        "agenda",
        "status",
        "members",
        "escalates_to",
        "product_owner",
        "waive",
        "severity",
        "team-size",
        "for",
        "#",
        ",",
        "é",
        "𝄞",
        "2w",
        "3..9",
        "2026-02-30",
        "12",
        "\t",
        "\r",
        "\r\n",
        "\u{0}",
        "\u{7f}",
    ];
    let client = RefCell::new(Client::in_process(scaleguard::lsp::Options::default()));
    client.borrow_mut().initialize(None, false);
    let doc = "untitled:fuzz.scale";
    client.borrow_mut().open(doc, "");
    let version = std::cell::Cell::new(1);
    let text = proptest::collection::vec(proptest::sample::select(TOKENS), 0..120).prop_map(|t| t.concat());
    let mut runner = TestRunner::new(Config { cases: 48, ..Config::default() });
    runner
        .run(&(text, 0u32..14, 0u32..50), |(text, line, character)| {
            let mut client = client.borrow_mut();
            version.set(version.get() + 1);
            client.replace(doc, version.get(), &text);
            client.diagnostics(doc, Some(version.get()));
            let p = json!({ "textDocument": { "uri": doc }, "position": { "line": line, "character": character } });
            for method in [
                "textDocument/hover",
                "textDocument/definition",
                "textDocument/references",
                "textDocument/completion",
                "textDocument/prepareRename",
                "textDocument/documentSymbol",
                "textDocument/formatting",
            ] {
                let mut params = p.clone();
                params["options"] = json!({ "tabSize": 2, "insertSpaces": true });
                if method == "textDocument/references" {
                    params["context"] = json!({ "includeDeclaration": true });
                }
                let answer = client.request(method, params);
                prop_assert!(answer.get("error").is_none(), "{} on {:?}: {}", method, text, answer);
            }
            let mut params = p.clone();
            params["newName"] = json!("renamed");
            let answer = client.request("textDocument/rename", params);
            let code = &answer["error"]["code"];
            prop_assert!(code.is_null() || *code == json!(-32803), "rename on {:?}: {}", text, answer);
            Ok(())
        })
        .unwrap();
    let mut client = client.into_inner();
    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.finish(), 0);
}

/// `(preferred, edits)` of a suggestion or a code action, comparable as text.
fn fix_key(preferred: bool, edits: &Value) -> String {
    json!({ "preferred": preferred, "edits": edits }).to_string()
}

#[test]
fn quick_fixes_are_the_edits_check_fix_applies() {
    // A status-only Scaled Daily Scrum (SG201, an unsafe fix) that also runs 30 minutes (SG210,
    // a safe one), beside an escalation loop (SG401, no fix).
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let path = dir.path().join("teams/checkout.scale");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("every day lasting 15min", "every day lasting 30min");
    std::fs::write(&path, &text).unwrap();

    // What `check --format json` suggests in the file, as LSP edits (ASCII: columns are UTF-16).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scaleguard"))
        .current_dir(dir.path())
        .args(["check", ".", "--today", "2026-06-01", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let position = |line: &Value, column: &Value| json!({ "line": line.as_u64().unwrap() - 1, "character": column.as_u64().unwrap() - 1 });
    let mut expected: Vec<String> = Vec::new();
    for finding in report["findings"].as_array().unwrap() {
        for s in finding["suggestions"].as_array().into_iter().flatten() {
            let edits: Vec<Value> = s["edits"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["file"].as_str().unwrap().ends_with("teams/checkout.scale"))
                .map(|e| {
                    json!({
                        "range": { "start": position(&e["line"], &e["column"]), "end": position(&e["end_line"], &e["end_column"]) },
                        "newText": e["replacement"],
                    })
                })
                .collect();
            expected.push(fix_key(s["applicability"] == "safe", &json!(edits)));
        }
    }
    expected.sort();
    assert_eq!(expected.len(), 2, "SG210's timebox, SG201's agenda: {expected:#?}");

    let mut client = Client::binary(&["--today", "2026-06-01"]);
    client.initialize(Some(dir.path()), false);
    let checkout = uri(&path);
    client.open(&checkout, &text);
    let diagnostics = client.diagnostics(&checkout, Some(1));
    let codes: Vec<&str> =
        diagnostics.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"SG201") && codes.contains(&"SG210"), "{codes:?}");
    let end = json!({ "line": text.matches('\n').count(), "character": 0 });
    let actions = client.result(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": checkout },
            "range": { "start": { "line": 0, "character": 0 }, "end": end },
            "context": { "diagnostics": [] }
        }),
    );
    let actions = actions.as_array().unwrap();
    let mut offered: Vec<String> = actions
        .iter()
        .map(|a| {
            let changes = a["edit"]["documentChanges"].as_array().unwrap();
            assert_eq!(changes.len(), 1);
            assert_eq!(changes[0]["textDocument"]["uri"], checkout.as_str());
            fix_key(a["isPreferred"].as_bool().unwrap(), &changes[0]["edits"])
        })
        .collect();
    offered.sort();
    assert_eq!(offered, expected);
    let mut titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Add `impediments` to the agenda", "Replace `lasting 30min` with `lasting 15min`"]);
    client.notify("exit", Value::Null);
    client.finish();
}
