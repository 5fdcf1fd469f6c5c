export { createCommunity, issueInvite } from './create-community.ts';
export { removeHolidayOverride } from './remove-holiday-override.ts';
export { setHolidayOverride } from './set-holiday-override.ts';
