// Runs yaml-language-server (the server of VS Code's YAML extension, of
// Helix and of Neovim's yamlls) over stdio as an editor would, for
// tests/schema.rs: opens every file of a plan, collects the diagnostics
// the server publishes for each, and asks for completions and hovers.
//
// usage: node lsp.mjs PLAN.json   prints the results as JSON on stdout
// PLAN: { "files": [path], "completions": [[path, line, column]],
//         "hovers": [[path, line, column]] }   (lines and columns 1-based)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const require = createRequire(import.meta.url);
const bin = require.resolve("yaml-language-server/bin/yaml-language-server");
const server = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const settings = {
  yaml: { validate: true, completion: true, hover: true, yamlVersion: "1.2", schemaStore: { enable: false } },
};

let buffer = Buffer.alloc(0);
let lastId = 0;
let lastPublish = Date.now();
const replies = new Map();
const diagnostics = new Map();

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}

function request(method, params) {
  const id = ++lastId;
  send({ id, method, params });
  return new Promise((resolve) => replies.set(id, resolve));
}

function receive(message) {
  if (message.method && message.id !== undefined) {
    // The server asks for its settings.
    const result =
      message.method === "workspace/configuration"
        ? message.params.items.map((item) => settings[item.section] ?? null)
        : null;
    send({ id: message.id, result });
  } else if (message.id !== undefined) {
    replies.get(message.id)?.(message.result ?? null);
  } else if (message.method === "textDocument/publishDiagnostics") {
    diagnostics.set(message.params.uri, message.params.diagnostics);
    lastPublish = Date.now();
  }
}

server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    receive(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()));
    buffer = buffer.subarray(end + 4 + length);
  }
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const uri = (path) => pathToFileURL(path).href;
const at = ([path, line, column]) => ({
  textDocument: { uri: uri(path) },
  position: { line: line - 1, character: column - 1 },
});

await request("initialize", {
  processId: process.pid,
  rootUri: null,
  capabilities: {
    workspace: { configuration: true },
    textDocument: { hover: { contentFormat: ["plaintext"] } },
  },
});
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings } });

const files = [...new Set([...plan.files, ...plan.completions.map((c) => c[0]), ...plan.hovers.map((h) => h[0])])];
for (const path of files) {
  const text = readFileSync(path, "utf8");
  send({ method: "textDocument/didOpen", params: { textDocument: { uri: uri(path), languageId: "yaml", version: 1, text } } });
}
// Every file has its diagnostics, and none came for a while.
const deadline = Date.now() + 120_000;
while (Date.now() < deadline && (files.some((p) => !diagnostics.has(uri(p))) || Date.now() - lastPublish < 1000)) {
  await sleep(100);
}

const result = { diagnostics: {}, completions: [], hovers: [] };
for (const path of files) {
  const found = diagnostics.get(uri(path));
  result.diagnostics[path] = found ? found.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`) : null;
}
for (const c of plan.completions) {
  const list = await request("textDocument/completion", at(c));
  result.completions.push((list?.items ?? list ?? []).map((item) => item.label));
}
for (const h of plan.hovers) {
  const hover = await request("textDocument/hover", at(h));
  const contents = hover?.contents;
  result.hovers.push(typeof contents === "string" ? contents : contents?.value ?? "");
}
console.log(JSON.stringify(result));
server.kill();
process.exit(0);
