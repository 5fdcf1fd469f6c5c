import { consoleDriver } from './console-driver.ts';
import { runContractSuite } from './scenarios.ts';

runContractSuite('console', consoleDriver);
