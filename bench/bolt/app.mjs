// The peer in siren's benchmark: `/incident declare` written the way a team would write it with
// Bolt for JavaScript in Socket Mode. Every envelope is stored in SQLite before it is
// acknowledged, as siren stores its decision before the ack, so that the comparison is fair.
//
//   SLACK_API_URL=http://127.0.0.1:PORT/api/ SLACK_BOT_TOKEN=xoxb-test \
//   SLACK_APP_TOKEN=xapp-test BOLT_DB=/tmp/bolt.db node app.mjs
//
// Prints "READY" on stdout once Socket Mode is connected.

import Bolt from '@slack/bolt';
import Database from 'better-sqlite3';

const { App, LogLevel } = Bolt;
const { SLACK_API_URL, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, BOLT_DB } = process.env;

// siren's settings: WAL, and no fsync per commit (synchronous = NORMAL).
const db = new Database(BOLT_DB);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS envelopes (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,
                                        body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS incidents (id INTEGER PRIMARY KEY, severity TEXT NOT NULL,
                                        title TEXT NOT NULL, commander TEXT NOT NULL,
                                        declared_at INTEGER NOT NULL, channel TEXT,
                                        message_ts TEXT);`);
const saveEnvelope = db.prepare('INSERT INTO envelopes (received_at, body) VALUES (?, ?)');
const saveIncident = db.prepare(
  'INSERT INTO incidents (severity, title, commander, declared_at) VALUES (?, ?, ?, ?)');
const saveChannel = db.prepare('UPDATE incidents SET channel = ?, message_ts = ? WHERE id = ?');

const app = new App({
  token: SLACK_BOT_TOKEN,
  appToken: SLACK_APP_TOKEN,
  socketMode: true,
  logLevel: LogLevel.INFO,
  clientOptions: { slackApiUrl: SLACK_API_URL },
});

// Runs before every listener, so each envelope is on disk before anything acknowledges it.
app.use(async ({ body, next }) => {
  saveEnvelope.run(Date.now(), JSON.stringify(body));
  await next();
});

function channelName(title) {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `incident-${day}-${slug}`.slice(0, 80);
}

app.command('/incident', async ({ command, ack, client }) => {
  const [verb, severity = 'S2', ...words] = command.text.trim().split(/\s+/);
  if (verb !== 'declare' || words.length === 0) {
    await ack('Usage: /incident declare <severity> <title>');
    return;
  }
  const title = words.join(' ');
  const id = saveIncident.run(severity, title, command.user_id, Date.now()).lastInsertRowid;
  await ack({ response_type: 'ephemeral',
              text: `Declared *#${id}* (${severity}). You are the incident commander.` });

  // The same calls siren makes before its pin: create, invite, topic, post, pin.
  const { channel } = await client.conversations.create({ name: channelName(title) });
  await client.conversations.invite({ channel: channel.id, users: command.user_id });
  await client.conversations.setTopic({ channel: channel.id,
                                        topic: `${severity} | ${title} | IC <@${command.user_id}>` });
  const posted = await client.chat.postMessage({
    channel: channel.id,
    text: `*#${id} ${title}*\nSeverity ${severity} · stage declared · IC <@${command.user_id}>`,
  });
  await client.pins.add({ channel: channel.id, timestamp: posted.ts });
  saveChannel.run(channel.id, posted.ts, id);
});

await app.start();
console.log('READY');

// The harness stops us with SIGTERM; close the socket and the database cleanly, or at least
// stop within 2 s if the socket does not close.
process.on('SIGTERM', async () => {
  setTimeout(() => process.exit(1), 2000).unref();
  await app.stop();
  db.close();
  process.exit(0);
});
