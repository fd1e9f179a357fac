// A lean Slack stand-in for the load phases of the benchmark (bench/run.py drives it).
//
// Why not the Slack emulator under load: it is one Python process that, at 200 declares/s,
// answers about 1,000 Web API calls/s besides the sockets, on the same two cores as the app;
// its timings then describe itself more than the app (docs/benchmarks.md has the numbers).
// This driver does only what the load phases need: Socket Mode (hello, envelopes, acks) on
// the main thread, timed with the monotonic clock, and canned Web API answers on a worker
// thread so that API traffic never delays the reading of an ack.
//
//   node bench/driver.mjs      then JSON commands on stdin, one per line; one JSON answer each
//
// Commands: {"cmd":"load","rate":200,"seconds":30}  open loop: envelopes at a fixed rate
//           {"cmd":"stream","count":1000,"window":64}  closed loop: at most `window` unacked
//           {"cmd":"history","count":10000,"window":16,"resolve":true}  declare (and resolve)
// Events:   {"event":"listening","api_url":...} and {"event":"hello","t_ms":...} when a socket
//           opens (t_ms is CLOCK_MONOTONIC, comparable with Python's time.monotonic()).

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

// One lock file (bench/bolt/package-lock.json) holds every Node package of the benchmark.
const require = createRequire(new URL('./bolt/package.json', import.meta.url));
const { WebSocketServer } = require('ws');

const nowMs = () => Number(process.hrtime.bigint()) / 1e6; // CLOCK_MONOTONIC on Linux

if (isMainThread) {
  await main();
} else {
  webApi(workerData);
}

// --- the Web API, on the worker thread -------------------------------------------------------

function webApi({ wsPort }) {
  let ids = 0;
  let ts = 0;
  const answers = {
    'apps.connections.open': () => ({ url: `ws://127.0.0.1:${wsPort}/link/?ticket=${++ids}` }),
    'auth.test': () => ({ url: 'https://bench.slack.com/', team: 'bench', user: 'siren',
                          team_id: 'T111', user_id: 'U0BOT0001', bot_id: 'B0BOT0001' }),
    'conversations.create': (a) => ({ channel: { id: `C${String(++ids).padStart(8, '0')}`,
                                                 name: a.name, is_channel: true,
                                                 created: Math.floor(Date.now() / 1000) } }),
    'conversations.invite': (a) => ({ channel: { id: a.channel } }),
    'conversations.setTopic': (a) => ({ channel: { id: a.channel, topic: { value: a.topic } } }),
    'chat.postMessage': (a) => {
      const stamp = `${Math.floor(Date.now() / 1000)}.${String(++ts % 1e6).padStart(6, '0')}`;
      return { channel: a.channel, ts: stamp, message: { type: 'message', text: a.text, ts: stamp } };
    },
  };
  createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const method = req.url.split('?')[0].split('/').pop();
      const args = (req.headers['content-type'] ?? '').includes('json')
        ? JSON.parse(body || '{}')
        : Object.fromEntries(new URLSearchParams(body));
      const answer = JSON.stringify({ ok: true, ...(answers[method]?.(args) ?? {}) });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(answer);
    });
  }).listen(0, '127.0.0.1', function () {
    parentPort.postMessage({ apiPort: this.address().port });
  });
}

// --- Socket Mode and the commands, on the main thread ----------------------------------------

async function main() {
  const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => sockets.once('listening', resolve));

  let socket = null;
  const pending = new Map(); // envelope_id -> send time (ms)
  let onAck = () => {};
  let serial = 0;

  sockets.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1,
                             connection_info: { app_id: 'A111' },
                             debug_info: { host: 'bench-driver', approximate_connection_time: 18060 } }));
    emit({ event: 'hello', t_ms: nowMs() });
    socket = ws;
    ws.on('message', (data) => {
      const t = nowMs();
      const frame = JSON.parse(data);
      const sent = pending.get(frame.envelope_id);
      if (sent === undefined) return;
      pending.delete(frame.envelope_id);
      onAck(t - sent, frame.payload, frame.envelope_id, sent);
    });
  });

  // A slash command as Slack's Socket Mode delivers it (fields as strings). Titles are unique,
  // so that no channel name is taken and no declare is taken for a duplicate.
  function sendCommand(command, text, channel) {
    const n = ++serial;
    const id = `bench-${process.pid}-${n}`;
    const frame = JSON.stringify({
      envelope_id: id, type: 'slash_commands', accepts_response_payload: true,
      payload: { token: 'verification-token', team_id: 'T111', team_domain: 'bench',
                 channel_id: channel, channel_name: channel, user_id: 'U0A1ALICE',
                 user_name: 'alice', command, text, api_app_id: 'A111',
                 is_enterprise_install: 'false',
                 response_url: `http://127.0.0.1:9/commands/T111/${n}/x`, trigger_id: `${n}.bench` },
    });
    pending.set(id, nowMs());
    socket.send(frame);
    return id;
  }
  const sendDeclare = () => sendCommand('/incident', `declare S3 bench load ${serial + 1}`, 'C00000001');

  // Open loop: the schedule does not wait for acks (as Slack does not), so a slow app shows as
  // growing latency instead of a slower sender. A 1 ms tick catches up with the schedule.
  function load({ rate, seconds }) {
    const latencies = [];
    const early = []; // the first 5 s: before a backlog, if any, has built up
    pending.clear();
    const total = Math.round(rate * seconds);
    const start = nowMs();
    onAck = (ms, payload, id, sentAt) => {
      latencies.push(ms);
      if (sentAt - start < 5000) early.push(ms);
    };
    let sent = 0;
    return new Promise((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((nowMs() - start) / 1000) * rate) + 1);
        while (sent < due) { sendDeclare(); sent++; }
        if (sent < total) return;
        clearInterval(tick);
        const waitUntil = nowMs() + 5000; // stragglers: at most 5 s more
        const wait = setInterval(() => {
          if (pending.size > 0 && nowMs() < waitUntil) return;
          clearInterval(wait);
          // An envelope never acknowledged counts as infinitely late (null in JSON).
          const missing = pending.size;
          for (const [, sentAt] of pending) if (sentAt - start < 5000) early.push(Infinity);
          resolve({ rate, sent, acked: latencies.length, missing,
                    seconds: (nowMs() - start) / 1000,
                    ...summary(latencies.concat(Array(missing).fill(Infinity))),
                    early: summary(early) });
        }, 5);
      }, 1);
    });
  }

  // Closed loop, for seeding: as fast as the app acks, never more than `window` outstanding.
  function stream({ count, window }) {
    const latencies = [];
    pending.clear();
    const start = nowMs();
    let sent = 0;
    return new Promise((resolve) => {
      const refill = () => { while (sent < count && pending.size < window) { sendDeclare(); sent++; } };
      onAck = (ms) => {
        latencies.push(ms);
        if (latencies.length === count) {
          resolve({ acked: count, seconds: (nowMs() - start) / 1000, ...summary(latencies) });
        } else {
          refill();
        }
      };
      refill();
    });
  }

  // Seeding a history: each incident declared, then (with resolve) resolved from the channel
  // its ack names, as its commander would, so that the history is not 10,000 open incidents.
  // Closed loop; a resolve is sent only after its declare was acknowledged.
  function history({ count, window, resolve }) {
    pending.clear();
    const start = nowMs();
    const declares = new Set();
    let declared = 0;
    let done = 0;
    return new Promise((resolvePromise) => {
      const refill = () => {
        while (declared < count && pending.size < window) {
          declares.add(sendCommand('/incident', `declare S3 bench history ${++declared}`, 'C00000001'));
        }
      };
      onAck = (ms, payload, id) => {
        const declare = declares.delete(id);
        const channel = declare && resolve && /<#(incident-[^>|]+)/.exec(payload?.text ?? '')?.[1];
        if (channel) {
          sendCommand('/119', 'resolve seeded by the benchmark', channel);
          return;
        }
        if (++done === count) {
          resolvePromise({ incidents: count, seconds: (nowMs() - start) / 1000 });
        } else {
          refill();
        }
      };
      refill();
    });
  }

  const worker = new Worker(new URL(import.meta.url), {
    workerData: { wsPort: sockets.address().port } });
  const { apiPort } = await new Promise((resolve) => worker.once('message', resolve));
  emit({ event: 'listening', api_url: `http://127.0.0.1:${apiPort}/api/` });

  const commands = { load, stream, history };
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line);
    if (!socket) {
      emit({ error: 'no Socket Mode connection' });
      continue;
    }
    emit(await commands[request.cmd](request));
  }
  // stdin closed: the harness is done with us (or died); stop everything.
  process.exit(0);
}

// Nearest-rank percentiles; Infinity (an envelope never acknowledged) comes out as null.
function summary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => (sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : null);
  const ms = (v) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
  return { count: sorted.length, p50_ms: ms(at(0.5)), p99_ms: ms(at(0.99)), max_ms: ms(at(1)) };
}

function emit(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}
