// The web chat's page, script and styles sit beside the code that serves them, also in the build.
import { cpSync } from 'node:fs';

cpSync('src/channels/web/public', 'dist/src/channels/web/public', { recursive: true });
cpSync('src/server/backoffice/public', 'dist/src/server/backoffice/public', { recursive: true });
