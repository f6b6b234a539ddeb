// `npm start`: install what is missing, build the production bundle, serve it on a local port.
import { spawn, spawnSync } from 'node:child_process';
import { ensureNodeModules } from './ensure.mjs';

ensureNodeModules();
const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const port = process.env.PORT ?? '4173';
console.log(`\nInit Container Playground: http://127.0.0.1:${port}/\n`);
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
