// @vitest-environment node
import { readFileSync } from 'node:fs';
import {
  DiagnosticSeverity,
  Parser,
  type AsyncAPIDocumentInterface,
  type Diagnostic,
  type MessageInterface,
} from '@asyncapi/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClientFrame, ServerFrame } from '@blau/sdk';

// docs/asyncapi.yaml describes the WebSocket protocol and the Kafka events for other clients and
// tools. Checked here: it must stay valid AsyncAPI and name every frame this client speaks.
const repo = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

// Every frame type of frames.ts (@blau/sdk: sdk/src/realtime/frames.ts) as a runtime list: `satisfies`
// makes tsc (npm run build) fail as soon as frames.ts gains or loses a type that a list does not
// name, so the lists cannot drift.
const CLIENT_FRAME_TYPES = Object.keys({
  join_room: 1,
  leave_room: 1,
  send_message: 1,
  edit_message: 1,
  delete_message: 1,
  react: 1,
  typing: 1,
  mark_read: 1,
  set_status: 1,
  ping: 1,
  auth: 1,
} satisfies Record<ClientFrame['type'], 1>);

const SERVER_FRAME_TYPES = Object.keys({
  ack: 1,
  message_received: 1,
  message_updated: 1,
  user_joined: 1,
  user_left: 1,
  typing: 1,
  presence: 1,
  room_created: 1,
  room_updated: 1,
  room_deleted: 1,
  joined: 1,
  left: 1,
  pong: 1,
  auth_ok: 1,
  error: 1,
  muted: 1,
  unmuted: 1,
  banned: 1,
  batch: 1,
} satisfies Record<ServerFrame['type'], 1>);

// Frames on one side only: in the document but not in frames.ts (a frame this client never sends,
// or never handles), or the other way round. None today; name each one here with the reason.
const DOCUMENTED_ONLY: { receive: string[]; send: string[] } = { receive: [], send: [] };
const CLIENT_ONLY: { receive: string[]; send: string[] } = { receive: [], send: [] };

const WS_CHANNEL = 'chat';

let document: AsyncAPIDocumentInterface;

beforeAll(async () => {
  const { document: parsed, diagnostics } = await new Parser().parse(repo('docs/asyncapi.yaml'));
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(describeDiagnostic);
  expect(errors, `docs/asyncapi.yaml is not valid AsyncAPI:\n${errors.join('\n')}`).toEqual([]);
  expect(parsed, 'the parser gave no document').toBeDefined();
  document = parsed!;
}, 60_000);

function describeDiagnostic(d: Diagnostic): string {
  return `${d.code} at ${d.path.join('.') || '(root)'}: ${d.message}`;
}

/** The `type` values a message's payload allows: its `type` property's const or enum. */
function frameTypesOf(message: MessageInterface): unknown[] {
  const type = message.payload()?.properties()?.['type'];
  if (type === undefined) return [];
  return type.const() !== undefined ? [type.const()] : (type.enum() ?? []);
}

/** The frames of the socket the server receives (`receive`) or sends (`send`), by `type`. */
function socketFrames(action: 'receive' | 'send'): Map<unknown, MessageInterface[]> {
  const frames = new Map<unknown, MessageInterface[]>();
  for (const operation of document.operations().all()) {
    if (operation.action() !== action || !operation.channels().has(WS_CHANNEL)) continue;
    for (const message of operation.messages().all()) {
      for (const type of frameTypesOf(message)) {
        frames.set(type, [...(frames.get(type) ?? []), message]);
      }
    }
  }
  return frames;
}

const sorted = (values: Iterable<unknown>) => [...values].map(String).sort();
const without = (values: string[], excluded: string[]) => values.filter((v) => !excluded.includes(v));

describe('docs/asyncapi.yaml', () => {
  it('is AsyncAPI 3.0.0 of the project version', () => {
    expect(document.version()).toBe('3.0.0');
    const project = /<artifactId>blau-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(repo('pom.xml'))?.[1];
    expect(document.info().version()).toBe(project);
  });

  it('names every frame the web client sends, as frames the server receives', () => {
    const documented = sorted(socketFrames('receive').keys());
    expect(without(documented, DOCUMENTED_ONLY.receive)).toEqual(sorted(without(CLIENT_FRAME_TYPES, CLIENT_ONLY.receive)));
  });

  it('names every frame the web client handles, as frames the server sends', () => {
    const documented = sorted(socketFrames('send').keys());
    expect(without(documented, DOCUMENTED_ONLY.send)).toEqual(sorted(without(SERVER_FRAME_TYPES, CLIENT_ONLY.send)));
  });

  it('gives every frame one message with an example of that frame', () => {
    for (const action of ['receive', 'send'] as const) {
      for (const [type, messages] of socketFrames(action)) {
        expect(new Set(messages.map((m) => m.id())).size, `${action} ${String(type)}`).toBe(1);
        const examples = messages[0].examples().all();
        expect(examples.length, `${action} ${String(type)} has no example`).toBeGreaterThan(0);
        for (const example of examples) {
          expect((example.payload() as { type?: unknown } | undefined)?.type, `${action} ${String(type)}`).toBe(type);
        }
      }
    }
  });

  it('has a channel for every Kafka topic the servers publish or read', () => {
    const configured = ['auth-app', 'chat-app'].flatMap((app) =>
      [...repo(`liberty-config/src/main/resources/${app}-messaging.xml`).matchAll(
        /name="mp\.messaging\.(?:incoming|outgoing)\.[\w-]+\.topic"\s+value="([^"]+)"/g,
      )].map((m) => m[1]),
    );
    expect(configured.length).toBeGreaterThan(0);
    const addresses = document.channels().all().map((c) => c.address());
    expect(sorted(new Set(configured))).toEqual(sorted(addresses.filter((a): a is string => !!a)));
  });
});
