export { createCommunity, issueInvite } from './create-community.ts';
export { removeHolidayOverride } from './remove-holiday-override.ts';
export { setCommunitySettings } from './set-community-settings.ts';
export { setHolidayOverride } from './set-holiday-override.ts';
