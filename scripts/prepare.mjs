// `npm ci` builds dist/ so that `npx gedragsbot` works right after it. In a production install
// (`npm ci --omit=dev`, as in the Dockerfile) TypeScript is absent and the tree is built already:
// then there is nothing to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let hasTypeScript = true;
try {
  require.resolve('typescript');
} catch {
  hasTypeScript = false;
}
if (hasTypeScript) execSync('npm run build', { stdio: 'inherit' });
else if (!existsSync('dist/src/server/main.js')) {
  console.error('dist/ ontbreekt en TypeScript is niet geïnstalleerd: draai eerst `npm ci` en `npm run build`.');
  process.exit(1);
}
