#!/usr/bin/env node
// A stand-in for a county's SMS webhook gateway, for shell and browser tests (no npm packages).
// It speaks the scheme of src/messaging/webhook_sms.hpp: a JSON POST
//   {id, phone, kind, template, params, text}
// with X-Minqing-Timestamp and X-Minqing-Signature: sha256=<hex HMAC-SHA256(secret,
// timestamp + "." + body)>. A bad or missing signature, or a timestamp more than --max-skew
// seconds away, is answered 401. Every accepted message is appended to --log as one JSON line
// (duplicates by id included, so a test can count them) before the answer
// {"message_id": "stub-<n>"} is sent.
//
//   node scripts/sms_stub.mjs --port-file F --secret S --log FILE
//        [--fail-rate 0.3] [--delay-ms N] [--max-skew 300] [--host 127.0.0.1] [--port 0]
//
// --fail-rate answers that fraction of correctly signed requests 500 (not logged); --delay-ms
// waits before every answer. The bound port is written to --port-file once listening (written
// to a temporary file and renamed, so a reader never sees half of it). GET /health answers 200.
// SIGTERM or SIGINT stops it with exit code 0.
import { createHmac, timingSafeEqual } from "node:crypto";
import { appendFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const MAX_BODY_BYTES = 1 << 20;

function usage(message) {
  process.stderr.write(
    `sms_stub: ${message}\n` +
      "usage: node scripts/sms_stub.mjs --port-file F --secret S --log FILE " +
      "[--fail-rate 0.3] [--delay-ms N] [--max-skew 300] [--host 127.0.0.1] [--port 0]\n",
  );
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      "port-file": { type: "string" },
      secret: { type: "string" },
      log: { type: "string" },
      "fail-rate": { type: "string", default: "0" },
      "delay-ms": { type: "string", default: "0" },
      "max-skew": { type: "string", default: "300" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
    },
    strict: true,
  }));
} catch (error) {
  usage(error.message);
}
for (const required of ["port-file", "secret", "log"]) {
  if (!values[required]) usage(`--${required} is required`);
}
const failRate = Number(values["fail-rate"]);
const delayMs = Number(values["delay-ms"]);
const maxSkew = Number(values["max-skew"]);
const port = Number(values.port);
if (!(failRate >= 0 && failRate <= 1)) usage("--fail-rate must be between 0 and 1");
if (!(Number.isInteger(delayMs) && delayMs >= 0)) usage("--delay-ms must be a whole number >= 0");
if (!(Number.isInteger(maxSkew) && maxSkew >= 0)) usage("--max-skew must be a whole number >= 0");
if (!(Number.isInteger(port) && port >= 0 && port < 65536)) usage("--port must be 0..65535");

const secret = values.secret;
let accepted = 0;

function signature(timestamp, body) {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

function signatureValid(timestamp, presented, body) {
  if (!/^\d{1,18}$/.test(timestamp ?? "")) return false;
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > maxSkew) return false;
  const expected = Buffer.from(signature(timestamp, body));
  const given = Buffer.from(String(presented ?? "").toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(response, status, object) {
  const text = JSON.stringify(object);
  const send = () => {
    response.writeHead(status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(text),
    });
    response.end(text);
  };
  if (delayMs > 0) setTimeout(send, delayMs);
  else send();
}

const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/health") {
    answer(response, 200, { ok: true, accepted });
    return;
  }
  if (request.method !== "POST") {
    answer(response, 405, { error: "POST only" });
    return;
  }
  const chunks = [];
  let size = 0;
  request.on("data", (chunk) => {
    if (size > MAX_BODY_BYTES) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      response.writeHead(413, { "Content-Type": "application/json; charset=utf-8", Connection: "close" });
      response.end(JSON.stringify({ error: "body too large" }));
      return;
    }
    chunks.push(chunk);
  });
  request.on("end", () => {
    if (size > MAX_BODY_BYTES) return;
    const body = Buffer.concat(chunks);
    const timestamp = request.headers["x-minqing-timestamp"];
    if (!signatureValid(timestamp, request.headers["x-minqing-signature"], body)) {
      answer(response, 401, { error: "签名错误 / bad signature" });
      return;
    }
    let message;
    try {
      message = JSON.parse(body.toString("utf8"));
    } catch {
      answer(response, 400, { error: "body is not JSON" });
      return;
    }
    if (typeof message !== "object" || message === null || !message.id || !message.phone) {
      answer(response, 400, { error: "id and phone are required" });
      return;
    }
    if (failRate > 0 && Math.random() < failRate) {
      answer(response, 500, { error: "stub: simulated failure" });
      return;
    }
    accepted += 1;
    const messageId = `stub-${accepted}`;
    const line = {
      n: accepted,
      message_id: messageId,
      received_at: new Date().toISOString(),
      idempotency_key: request.headers["idempotency-key"] ?? null,
      id: message.id,
      phone: message.phone,
      kind: message.kind ?? null,
      template: message.template ?? null,
      params: message.params ?? {},
      text: message.text ?? null,
    };
    appendFileSync(values.log, JSON.stringify(line) + "\n");
    answer(response, 200, { message_id: messageId });
  });
});

server.listen(port, values.host, () => {
  const portFile = values["port-file"];
  writeFileSync(`${portFile}.tmp`, `${server.address().port}\n`);
  renameSync(`${portFile}.tmp`, portFile);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  });
}
