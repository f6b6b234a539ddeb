// The architecture's boundaries are lint errors (DESIGN.md "Folders"). These run the project's real
// ESLint config over probe files placed in each folder, so a weakened rule fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('engine/ stays pure', () => {
  it.each([
    ["import React from 'react';\nexport const x = React;\n", 'no-restricted-imports'],
    ["import type { StoreApi } from 'zustand';\nexport type X = StoreApi<number>;\n", 'no-restricted-imports'],
    ["import * as m from 'monaco-editor';\nexport const x = m;\n", 'no-restricted-imports'],
    ["import { ReactFlow } from '@xyflow/react';\nexport const x = ReactFlow;\n", 'no-restricted-imports'],
    ["import { useAppStore } from '../app/store/store';\nexport const x = useAppStore;\n", 'no-restricted-imports'],
    ['export const now = Date.now();\n', 'no-restricted-globals'],
    ['export const r = Math.random();\n', 'no-restricted-properties'],
    ['export function f(): void { setTimeout(() => undefined, 1); }\n', 'no-restricted-globals'],
    ["export function f(): void { console.log('x'); }\n", 'no-restricted-globals'],
    ['export const w = window.innerWidth;\n', 'no-restricted-globals'],
  ])('rejects %j', async (code, rule) => {
    expect(await ruleIds(code, 'engine/sim/probe.ts')).toContain(rule);
  });

  it('accepts pure code', async () => {
    expect(await ruleIds('export const double = (n: number): number => n * 2;\n', 'engine/sim/probe.ts')).toEqual([]);
  });
});

describe('app/ reaches the engine only through engine/index.ts and the worker entry', () => {
  it('rejects a deep import', async () => {
    expect(await ruleIds("import { World } from '../../engine/sim/world';\nexport const x = World;\n", 'app/run/probe.ts')).toContain('no-restricted-imports');
  });
  it('accepts the index and the worker entry', async () => {
    const code = "import { simulate } from '../../engine/index';\nimport W from '../../engine/worker?worker';\nexport const x = [simulate, W];\n";
    expect(await ruleIds(code, 'app/run/probe.ts')).toEqual([]);
  });
});
