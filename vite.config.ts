/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-editor >= 0.55 has an exports map, so monaco-worker-manager's deep import
      // 'monaco-editor/esm/vs/editor/editor.worker.js' needs this alias (TOOLCHAIN.md §4.1).
      {
        find: /^monaco-editor\/esm\//,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/', import.meta.url)),
      },
    ],
  },
  worker: { format: 'es' },
  // Deps first seen inside workers would otherwise re-run the optimizer and reload the dev page.
  optimizeDeps: { include: ['js-yaml', 'monaco-yaml/yaml.worker.js'] },
  build: {
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'monaco', test: /node_modules[\\/](monaco-editor|monaco-yaml|monaco-[a-z-]+)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
  test: {
    include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/fastCheck.ts'],
  },
});
