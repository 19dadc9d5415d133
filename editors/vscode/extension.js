// The scaleguard extension: starts `scaleguard lsp` for `.scale` files (docs/editors.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const command = vscode.workspace.getConfiguration("scaleguard").get("path") || "scaleguard";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "scaleguard",
    "scaleguard",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "scale" },
        { scheme: "untitled", language: "scale" },
      ],
    },
  );
  context.subscriptions.push(
    vscode.commands.registerCommand("scaleguard.restart", () => client.restart()),
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `scaleguard: cannot start \`${command} lsp\` (${error.message}). ` +
        "Install scaleguard, or set `scaleguard.path`.",
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
