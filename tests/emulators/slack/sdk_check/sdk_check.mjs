// Drives the Slack emulator with the official, unmodified Slack SDKs: if they accept its
// answers, the emulator speaks Slack closely enough for siren's tests to mean something.
//
//   node sdk_check.mjs http://127.0.0.1:PORT [bot-token] [app-token]
//
// Only client options point the SDKs at the emulator (slackApiUrl). Prints one JSON summary
// line on stdout and exits 0; any failure exits 1 with the reason on stderr.

import { SocketModeClient } from '@slack/socket-mode';
import { LogLevel, WebClient } from '@slack/web-api';

const [baseUrl, botToken = 'xoxb-test', appToken = 'xapp-test'] = process.argv.slice(2);
if (!baseUrl) {
  console.error('usage: node sdk_check.mjs http://127.0.0.1:PORT [bot-token] [app-token]');
  process.exit(2);
}
const slackApiUrl = `${baseUrl}/api/`;

// The whole check takes well under a second; a hang means a protocol mismatch.
const watchdog = setTimeout(() => fail(new Error('timed out after 20 s')), 20_000);

function fail(error) {
  console.error(`sdk_check failed: ${error?.stack ?? error}`);
  process.exit(1);
}

async function control(path, body) {
  const response = await fetch(`${baseUrl}/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!json.ok) throw new Error(`control ${path}: ${JSON.stringify(json)}`);
  return json;
}

function expect(condition, what) {
  if (!condition) throw new Error(`expectation failed: ${what}`);
}

async function main() {
  await control('users', {
    users: [
      { id: 'U111', name: 'alice', real_name: 'Alice Doe', email: 'alice@example.com', tz: 'Europe/Berlin' },
      { id: 'U222', name: 'bob', real_name: 'Bob Roe', email: 'bob@example.com' },
    ],
  });

  const socket = new SocketModeClient({
    appToken,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl },
  });
  const command = new Promise((resolve) => {
    socket.on('slash_commands', async ({ ack, body, envelope_id }) => {
      await ack({ response_type: 'ephemeral', text: 'Declaring incident…' });
      resolve({ body, envelope_id });
    });
  });
  await socket.start(); // resolves on the emulator's `hello`

  const injected = await control('slash_command', {
    command: '/incident', text: 'declare sev1 checkout down', user: 'U111', channel: 'C0GENERAL',
  });
  const received = await command;
  expect(received.envelope_id === injected.envelope_id, 'the injected envelope arrived');
  expect(received.body.trigger_id === injected.trigger_id, 'the payload carries the trigger_id');

  const web = new WebClient(botToken, { slackApiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  const results = {};
  // views.open first: the trigger_id is only good for 3 seconds after the command.
  results.viewsOpen = await web.views.open({
    trigger_id: received.body.trigger_id,
    view: {
      type: 'modal', callback_id: 'declare_incident',
      title: { type: 'plain_text', text: 'Declare incident' },
      submit: { type: 'plain_text', text: 'Declare' },
      blocks: [{
        type: 'input', block_id: 'title_b', label: { type: 'plain_text', text: 'Title' },
        element: { type: 'plain_text_input', action_id: 'title_a' },
      }],
    },
  });
  results.create = await web.conversations.create({ name: `inc-sdk-${Date.now()}` });
  const channel = results.create.channel.id;
  results.invite = await web.conversations.invite({ channel, users: 'U111,U222' });
  results.setTopic = await web.conversations.setTopic({ channel, topic: 'SEV1: checkout down' });
  const metadata = { event_type: 'siren_effect', event_payload: { effect: 'sdk/0' } };
  results.post = await web.chat.postMessage({
    channel, text: 'Incident declared', metadata,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*SEV1* checkout down' } }],
  });
  results.update = await web.chat.update({ channel, ts: results.post.ts, text: 'Incident declared (updated)' });
  results.pin = await web.pins.add({ channel, timestamp: results.post.ts });
  results.ephemeral = await web.chat.postEphemeral({ channel, user: 'U111', text: 'You are IC' });
  results.userInfo = await web.users.info({ user: 'U111' });
  // What siren reconciles with: its channel by name, its DM with a person, a message by metadata.
  results.list = await web.conversations.list({ types: 'public_channel,private_channel', limit: 1 });
  const listed = [...results.list.channels];
  for (let cursor = results.list.response_metadata.next_cursor; cursor;) {
    const page = await web.conversations.list({ types: 'public_channel,private_channel', limit: 1, cursor });
    listed.push(...page.channels);
    cursor = page.response_metadata.next_cursor;
  }
  results.open = await web.conversations.open({ users: 'U222' });
  results.dm = await web.chat.postMessage({ channel: 'U222', text: 'You are paged', metadata });
  results.history = await web.conversations.history({ channel, include_all_metadata: true, limit: 10 });
  // A review shared as a file: the SDK's whole external upload flow (getUploadURLExternal, the
  // bytes to the upload_url, completeUploadExternal), then files.list as siren looks it up.
  const review = '# Incident review\n\nCheckout was down for 12 minutes. Ünïcode too.\n';
  results.upload = await web.files.uploadV2({
    channel_id: channel, content: review, filename: 'review-sdk.md', title: 'Review (SDK)',
    initial_comment: 'The review draft',
  });
  results.filesList = await web.files.list({ channel, ts_from: Math.floor(Date.now() / 1000) - 60 });

  expect(results.viewsOpen.view.id.startsWith('V'), 'views.open returned a view');
  expect(results.invite.channel.id === channel, 'invite returned the channel');
  expect(results.setTopic.channel.topic.value === 'SEV1: checkout down', 'topic set');
  expect(results.update.ts === results.post.ts, 'update kept the ts');
  expect(results.userInfo.user.profile.email === 'alice@example.com', 'users.info email');
  expect(listed.some((c) => c.id === channel && c.creator === 'U0BOT0001'), 'conversations.list paged to the channel');
  expect(results.dm.channel === results.open.channel.id, 'conversations.open gave the DM postMessage uses');
  const marked = results.history.messages.find((m) => m.ts === results.post.ts);
  expect(marked?.metadata?.event_payload?.effect === 'sdk/0', 'history gave the metadata in full');

  const uploaded = results.upload.files[0]?.files?.[0];
  expect(uploaded?.id?.startsWith('F') && uploaded.title === 'Review (SDK)', 'files.uploadV2 completed the file');
  expect(results.filesList.files.some((f) => f.id === uploaded.id && f.name === 'review-sdk.md'),
    'files.list found the shared file');

  const acks = await control(`acks?envelope_id=${injected.envelope_id}&min=1&wait_s=5`);
  expect(acks.acks.length === 1, 'the ack was recorded');
  expect(acks.acks[0].payload.text === 'Declaring incident…', 'the ack payload was recorded');
  const workspace = await control('workspace');
  const model = workspace.channels.find((c) => c.id === channel);
  expect(model.pins.includes(results.post.ts), 'the pin is in the model');
  expect(['U111', 'U222'].every((u) => model.members.includes(u)), 'the members are in the model');
  const stored = workspace.files.find((f) => f.id === uploaded.id);
  expect(stored?.content === review && stored.state === 'complete', 'the upload reached the model intact');
  const share = model.messages.find((m) => m.files?.some((f) => f.id === uploaded.id));
  expect(share?.text === 'The review draft' && share.upload === true, 'the file message is in the channel');

  await socket.disconnect();
  clearTimeout(watchdog);
  console.log(JSON.stringify({
    ok: true,
    envelope_id: received.envelope_id,
    ack: acks.acks[0].payload,
    channel,
    message_ts: results.post.ts,
    view_id: results.viewsOpen.view.id,
    calls: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.ok])),
  }));
  process.exit(0);
}

main().catch(fail);
