// Lean Monaco (core API, editor features, YAML tokenizer) with its workers from ?worker imports and
// monaco-yaml on a bundled schema. Loaded lazily: nothing here is in the main chunk.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { manifestSchema } from './schema';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === 'yaml') return new YamlWorker();
    if (label === 'editorWorkerService' || label === 'workerMain.js') return new EditorWorker();
    // An unknown label means a language we did not bundle (monaco-yaml's Vite example throws too).
    throw new Error(`Unknown Monaco worker label: ${label}`);
  },
};

// monaco-yaml 5.5.1 still calls createWebWorker({label, moduleId, createData}); monaco >= 0.53 wants
// { worker }. Adapt it the way monaco's own worker bootstrap does (TOOLCHAIN.md §4.2).
type LegacyOpts = { label?: string; moduleId?: string; createData?: unknown; host?: Record<string, (...args: unknown[]) => unknown>; keepIdleModels?: boolean };
const editorShim = Object.create(monaco.editor, {
  createWebWorker: {
    value(opts: LegacyOpts & { worker?: Worker }) {
      if (opts.worker) return monaco.editor.createWebWorker(opts as unknown as Parameters<typeof monaco.editor.createWebWorker>[0]);
      const w = self.MonacoEnvironment!.getWorker!('workerMain.js', opts.label ?? 'yaml') as Worker;
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker: w, host: opts.host, keepIdleModels: opts.keepIdleModels } as unknown as Parameters<typeof monaco.editor.createWebWorker>[0]);
    },
  },
});
const monacoForYaml = Object.create(monaco, { editor: { value: editorShim } }) as typeof monaco;

export const MODEL_URI = 'file:///manifests.yaml';

configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: [{ uri: 'inmemory://schemas/manifests.schema.json', fileMatch: ['**/manifests.yaml'], schema: manifestSchema as unknown as JSONSchema }],
});

export { monaco };
