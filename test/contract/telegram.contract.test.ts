import { runContractSuite } from './scenarios.ts';
import { makeTelegramDriver } from './telegram-driver.ts';

runContractSuite('telegram', makeTelegramDriver);
