import { runContractSuite } from './scenarios.ts';
import { makeSlackDriver } from './slack-driver.ts';

runContractSuite('slack', makeSlackDriver);
