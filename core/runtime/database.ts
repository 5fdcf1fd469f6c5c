// The composition roots (bot/main, jobs/main) open the database through core, keeping bot/ and jobs/
// free of db/ imports.
export { type DatabaseHandle, openDatabase } from '../../db/client.ts';
export { seedDemo } from '../../db/seed/demo.ts';
