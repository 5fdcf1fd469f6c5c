export * from './dates.ts';
export * from './holidays.rules.ts';
export * from './islamic.ts';
export * from './lunar.ts';
export * from './occasions.rules.ts';
export * from './official-schedule.ts';
export { loadOverrides } from './overrides.ts';
