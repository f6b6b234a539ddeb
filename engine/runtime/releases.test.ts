// The release each python/node tag installs (docker-library versions.json, see releases.ts for the dates).
import { describe, expect, it } from 'vitest';
import { nodeReleaseOf, nodeTagReleased, pythonReleaseOf, pythonTagReleased } from './releases';

describe('python tags', () => {
  it('a line is its newest patch, a full version itself, a bare tag the newest line', () => {
    expect(['3.12', '3.12-slim-bookworm', '3.12-alpine', '3.12.13'].map(pythonReleaseOf)).toEqual(['3.12.13', '3.12.13', '3.12.13', '3.12.13']);
    expect(['3.9', '3.8-slim', '3.11.4', '3.10.0-bookworm'].map(pythonReleaseOf)).toEqual(['3.9.25', '3.8.20', '3.11.4', '3.10.0']);
    expect(['latest', 'slim', 'alpine', 'trixie', '3', '3-slim'].map(pythonReleaseOf)).toEqual(Array(6).fill('3.14.6'));
  });
  it('versions that were never built have no tag', () => {
    expect(['3.12.13', '3.14', '3.7-alpine', 'latest', '3'].every(pythonTagReleased)).toBe(true);
    expect(['3.12.14', '3.0', '3.2-slim'].some(pythonTagReleased)).toBe(false);
  });
});

describe('node tags', () => {
  it('a major is its newest release, major.minor that minor\'s last patch, lts the LTS line', () => {
    expect(['22', '22-slim', '22.11', '22.11.0-bookworm', '20.19'].map(nodeReleaseOf)).toEqual(['22.23.2', '22.23.2', '22.11.0', '22.11.0', '20.19.6']);
    expect(['latest', 'current', 'slim', 'alpine', 'lts'].map(nodeReleaseOf)).toEqual(['26.7.0', '26.7.0', '26.7.0', '26.7.0', '24.19.0']);
  });
  it('versions that were never built have no tag', () => {
    expect(['22.23.2', '22.23', '18.20.8', 'lts'].every(nodeTagReleased)).toBe(true);
    expect(['22.24', '22.23.3', '18.21.0'].some(nodeTagReleased)).toBe(false);
  });
});
