/** Polls `check` until it holds; fails with `what` after `ms`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms = 20_000,
  what = 'condition',
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not met within ${ms} ms`);
}
