import type { WebClient } from '@slack/web-api';
import type { OutboundMessage } from '../../core/ports.ts';
import { withSlashCommand } from './command-text.ts';
import type { ChannelRateLimiter } from './rate-limit.ts';
import { fallbackText, renderMessage } from './render.ts';
import { toMrkdwn, toPlainLabel } from './slack-text.ts';

/** Posts one outbound message into a Slack channel (a DM), pacing by the channel's rate limit. */
export type SlackPoster = { post(channel: string, message: OutboundMessage): Promise<void> };

export function createPoster(web: WebClient, limiter: ChannelRateLimiter): SlackPoster {
  async function postBlocks(channel: string, message: Pick<OutboundMessage, 'text' | 'buttons'>) {
    for (const post of renderMessage(message)) {
      await limiter.take(channel);
      await web.chat.postMessage({ channel, text: post.text, blocks: post.blocks });
    }
  }

  return {
    async post(channel, original) {
      const message = { ...original, text: withSlashCommand(original.text) };
      const { attachment } = message;
      if (!attachment) return postBlocks(channel, message);
      // An image block needs a public URL, so the image is uploaded into the DM with the text as its
      // comment; buttons cannot ride on a file share and follow in their own message.
      await limiter.take(channel);
      await web.filesUploadV2({
        channel_id: channel,
        file: Buffer.from(attachment.data),
        filename: attachment.filename,
        title: attachment.caption ? toPlainLabel(attachment.caption, 250) : attachment.filename,
        ...(message.text.trim() ? { initial_comment: toMrkdwn(message.text) } : {}),
      });
      if (!message.buttons?.length) return;
      for (const post of renderMessage({ text: '', buttons: message.buttons })) {
        await limiter.take(channel);
        await web.chat.postMessage({ channel, text: fallbackText(message.text), blocks: post.blocks });
      }
    },
  };
}
