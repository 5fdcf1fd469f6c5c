import { randomBytes, randomInt } from 'node:crypto';
import { LINK_CODE_ALPHABET, LINK_CODE_LENGTH } from './link-code.rules.ts';

/** 16 random bytes → 22 base64url characters: unguessable and safe in a Telegram start parameter. */
export function newInviteCode(): string {
  return randomBytes(16).toString('base64url');
}

export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return code;
}
