// Reminders: the daily planner (monthly and holiday visit ladders, request escalations, stale claims,
// wish digests, claim nudges) under quiet hours and a daily cap, plus snooze.
export { cancelSettledReminders } from './cancel-settled.ts';
export { type CapDecision, capRank, splitForCap } from './cap.rules.ts';
export * from './kinds.ts';
export { dueStep, holidayLadder, monthlyLadder } from './ladder.rules.ts';
export { type PlanReport, planReminders } from './plan-reminders.ts';
export { isQuiet, nextAllowed, plannedSendAt } from './quiet-hours.rules.ts';
export { reminderSettings } from './settings.rules.ts';
export { type SnoozeReminderResult, snoozeReminder } from './snooze-reminder.ts';
