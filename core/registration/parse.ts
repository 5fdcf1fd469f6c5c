export { parseInput } from '../parse-input.ts';
