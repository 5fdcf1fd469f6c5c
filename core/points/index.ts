export { type AwardEntry, type AwardResult, awardPoints, wishAwardKey } from './award-points.ts';
export { type Balance, getBalance, getBalanceInput } from './get-balance.ts';
