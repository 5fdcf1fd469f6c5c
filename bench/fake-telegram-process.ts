// The fake Bot API in its own process for the bench, as Telegram would be: its parsing and
// bookkeeping then cost neither the bot's event loop nor its memory. Talks to the parent over IPC.
import { constants, setPriority } from 'node:os';
import { startFakeTelegram, TEST_TOKEN } from '../test/helpers/fake-telegram.ts';

export type Tally = { sends: number; failed: number; apologies: number };
/** Arrival times (ms) and chats of the successful sendMessage calls since the last ask. */
export type Sends = { at: number[]; chats: string[] };
export type FromFake =
  | { kind: 'ready'; url: string; bot: unknown }
  | { kind: 'tally'; tally: Tally }
  | { kind: 'sends'; sends: Sends };
export type ToFake = { kind: 'tally'; apology: string } | { kind: 'sends' } | { kind: 'close' };

// Telegram has its own machines; on the bench's two cores the fake would otherwise wait behind the
// bots it measures and stamp a burst of late arrivals on requests that reached its socket on time.
try {
  setPriority(constants.priority.PRIORITY_HIGH);
} catch {
  // Not permitted for this user: the fake runs at normal priority.
}
const tg = await startFakeTelegram({ token: TEST_TOKEN });
const send = (message: FromFake) => process.send?.(message);

// The sends so far, kept compact: a run's 20,000 full call records grew the heap until a major GC
// paused this process, and a paused fake stamps the requests waiting on its socket as one burst.
let pending: Sends = { at: [], chats: [] };
const compact = () => {
  for (const call of tg.calls.splice(0)) {
    if (call.method !== 'sendMessage' || call.status !== 200) continue;
    pending.at.push(call.at);
    pending.chats.push(String(call.params.chat_id));
  }
};
// Only for a parent that asks for sends alone (`--sends-only`): a tally needs the full records.
if (process.argv.includes('--sends-only')) setInterval(compact, 100).unref();

process.on('message', async (message: ToFake) => {
  if (message.kind === 'close') {
    await tg.close();
    process.exit(0);
  }
  if (message.kind === 'sends') {
    compact();
    send({ kind: 'sends', sends: pending });
    pending = { at: [], chats: [] };
    return;
  }
  // The log is tallied and dropped so a long run does not grow it without bound.
  const tally: Tally = { sends: 0, failed: 0, apologies: 0 };
  for (const call of tg.calls.splice(0)) {
    if (call.status !== 200) tally.failed++;
    else if (call.method === 'sendMessage' || call.method === 'sendPhoto') {
      tally.sends++;
      if (call.params.text === message.apology) tally.apologies++;
    }
  }
  send({ kind: 'tally', tally });
});
send({ kind: 'ready', url: tg.url, bot: tg.bot });
