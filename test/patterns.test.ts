// Common init-container patterns beyond the articles (waiting on ports and HTTP, broken dependencies),
// each with the outcome Kubernetes and the images produce.
import { describe } from 'vitest';
import { goldenSuite } from './goldens';

describe('init-container patterns (expect blocks)', () => {
  goldenSuite('test/patterns', {}, 5);
});
