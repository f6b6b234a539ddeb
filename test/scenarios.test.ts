// Golden scenarios: every file in test/scenarios (copied from the articles and basic behaviours)
// must pass its `expect` block, exactly as `npm run simulate -- FILE --check` evaluates it.
import { describe } from 'vitest';
import { goldenSuite } from './goldens';

/** Scenarios that do not pass yet (name → why). Empty: every fixture passes. */
const KNOWN_GAPS: Record<string, string> = {};

describe('golden scenarios (expect blocks)', () => {
  goldenSuite('test/scenarios', KNOWN_GAPS, 16);
});
